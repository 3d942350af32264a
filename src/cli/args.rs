//! The command-line interface, declared with clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use letterlint::{Kind, Sector, Severity};
use std::path::PathBuf;

/// Checks complaint response letters against the principles of good complaint handling.
#[derive(Debug, Parser)]
#[command(name = "letterlint", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint letters: files, directories (recursively, .txt/.md/.markdown) or - for stdin.
    Check {
        /// Files or directories to check (default: the current directory).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Keep officers' names out of messages and source snippets (for CI logs).
        #[arg(long)]
        redact: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Print the suggested rewrite of one letter: safe fixes and manual insertions.
    Rewrite {
        /// The letter, or - for stdin.
        file: PathBuf,
        /// Also apply fixes that may change meaning.
        #[arg(long = "unsafe")]
        unsafe_fixes: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Apply safe fixes to letters in place (atomically), then report what remains.
    Fix {
        /// The letters to fix.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format for what remains.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Show the suggested rewrite of one letter as a unified diff.
    Diff {
        /// The letter, or - for stdin.
        file: PathBuf,
        /// Also apply fixes that may change meaning.
        #[arg(long = "unsafe")]
        unsafe_fixes: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Anonymise the officers a letter names, and print it (or a JSON report).
    Anonymise {
        /// The letter, or - for stdin.
        file: PathBuf,
        /// text (the anonymised letter) or json (people, mentions and text).
        #[arg(long, value_enum, default_value_t = AnonFormat::Text)]
        format: AnonFormat,
        #[command(flatten)]
        common: Common,
    },
    /// List every rule with its severity and the principle it serves.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        #[command(flatten)]
        common: Common,
    },
    /// Explain a rule: what it does, why, an example, and how safe its fix is.
    Explain {
        /// The rule id.
        rule: String,
        #[command(flatten)]
        common: Common,
    },
}

/// Options every subcommand takes.
#[derive(Debug, Args, Clone, Default)]
pub struct Common {
    /// The letters' sector (default: inferred from the text).
    #[arg(long, value_parser = parse_sector)]
    pub sector: Option<Sector>,
    /// The letters' kind (default: inferred from the text).
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// A directory of rule-pack files that add to or override the built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Use this configuration file (default: the nearest letterlint.toml upward).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
    /// Parse every input as this format, whatever its extension (needed for stdin Markdown).
    #[arg(long, value_enum)]
    pub format_in: Option<InputFormat>,
    /// Never colour the output.
    #[arg(long)]
    pub no_color: bool,
    /// How officers are anonymised (default: label, or `mode` in letterlint.toml).
    #[arg(long, value_parser = parse_mode)]
    pub mode: Option<letterlint::anonymise::Mode>,
    /// A staff roster: one person a line, `Name | optional role`.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
}

/// Anonymise output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnonFormat {
    /// The anonymised letter.
    Text,
    /// `{"people": [...], "text": "..."}`.
    Json,
}

fn parse_mode(s: &str) -> Result<letterlint::anonymise::Mode, String> {
    s.parse()
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Findings with the source underlined.
    Human,
    /// The JSON contract (see README).
    Json,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
}

fn parse_sector(s: &str) -> Result<Sector, String> {
    s.parse()
}
fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}
fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}
