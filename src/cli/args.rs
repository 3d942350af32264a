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
    /// Lint letters: files, directories (walked for .txt, .md, .markdown, .docx) or - for stdin.
    Check {
        /// Files or directories to check (default: the current directory).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Keep officers' names out of messages, source snippets, SARIF fingerprints and
        /// a baseline written with it (for CI logs and uploads).
        #[arg(long)]
        redact: bool,
        /// Report only findings not recorded in this baseline file.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Record every finding in this baseline file (and exit 0 unless a file failed).
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        #[command(flatten)]
        run: RunOptions,
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
        /// Print as text or Markdown (a Word document's headings become `#` headings).
        #[arg(long, value_enum)]
        to: Option<RewriteTo>,
        #[command(flatten)]
        common: Common,
    },
    /// Apply safe fixes to letters in place (atomically), then report what remains.
    Fix {
        /// The letters (or directories of letters) to fix.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format for what remains.
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        #[command(flatten)]
        run: RunOptions,
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
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
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

/// Options of the commands that run over many files.
#[derive(Debug, Args, Clone, Default)]
pub struct RunOptions {
    /// Skip files matching this glob (repeatable; a glob without `/` matches at any depth).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Lint on this many threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print counts per rule after the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Print only the findings: no summary, no progress notes.
    #[arg(long, short)]
    pub quiet: bool,
}

/// What `rewrite --to` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RewriteTo {
    /// Plain text.
    Txt,
    /// Markdown.
    Md,
}

/// Options every subcommand takes.
#[derive(Debug, Args, Clone, Default)]
pub struct Common {
    /// The letters' sector, a shorthand for nation and service (default: inferred from the
    /// text) [values: council, nhs, housing, financial, scotland, wales, ni].
    #[arg(long, value_parser = parse_sector)]
    pub sector: Option<Sector>,
    /// The letters' nation (default: inferred) [values: england, scotland, wales, ni].
    #[arg(long, value_parser = parse_nation)]
    pub nation: Option<letterlint::Nation>,
    /// The service complained about (default: inferred) [values: local-government,
    /// social-care, housing, health, financial, energy, communications, water, legal,
    /// pensions, property].
    #[arg(long, value_parser = parse_service)]
    pub service: Option<letterlint::Service>,
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
    /// Replace invalid UTF-8 with U+FFFD and go on, instead of refusing the file.
    #[arg(long)]
    pub lossy: bool,
    /// Refuse text inputs larger than this many bytes (a .docx: its text) (default 10000000, or `max-file-bytes`).
    #[arg(long, value_name = "BYTES")]
    pub max_file_bytes: Option<u64>,
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
    /// One finding a line: `path:line:col: severity [rule] message`.
    Concise,
    /// The JSON contract (see README).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// JUnit XML, one test case per file.
    Junit,
}

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table.
    Human,
    /// A JSON array.
    Json,
}

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// A Word .docx document.
    Docx,
}

fn parse_sector(s: &str) -> Result<Sector, String> {
    s.parse()
}
fn parse_nation(s: &str) -> Result<letterlint::Nation, String> {
    s.parse()
}
fn parse_service(s: &str) -> Result<letterlint::Service, String> {
    s.parse()
}
fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}
fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}
