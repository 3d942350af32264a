//! The subcommands.

use super::args::{AnonFormat, Cli, Command, Common, OutputFormat};
use super::files::{expand, read, Input, Linters};
use letterlint::render::json::{FileResult, Summary};
use letterlint::render::{human, json};
use letterlint::{Applicability, Error, Severity};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Exit code: nothing at or above the failing severity.
pub const CLEAN: i32 = 0;
/// Exit code: findings at or above the failing severity.
pub const FINDINGS: i32 = 1;
/// Exit code: usage, configuration or I/O error.
pub const TROUBLE: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Check {
            paths,
            format,
            redact,
            common,
        } => check(&paths, format, redact, common),
        Command::Rewrite {
            file,
            unsafe_fixes,
            common,
        } => rewrite(&file, unsafe_fixes, common, false),
        Command::Diff {
            file,
            unsafe_fixes,
            common,
        } => rewrite(&file, unsafe_fixes, common, true),
        Command::Fix {
            files,
            format,
            common,
        } => fix(&files, format, common),
        Command::Rules { format, common } => rules(format, common),
        Command::Anonymise {
            file,
            format,
            common,
        } => anonymise(&file, format, common),
        Command::Explain { rule, common } => explain(&rule, common),
    }
}

fn color(common: &Common) -> bool {
    !common.no_color && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

fn eprint_error(e: &Error) {
    eprintln!("error: {e}");
}

fn out(s: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
}

/// Lints every input, printing findings; returns the exit code.
fn check(paths: &[PathBuf], format: OutputFormat, redact: bool, common: Common) -> i32 {
    let (inputs, walk_errors) = expand(paths);
    let mut results = Vec::with_capacity(inputs.len());
    let mut trouble = !walk_errors.is_empty();
    for e in &walk_errors {
        eprint_error(e);
    }
    let mut linters = Linters::new(common.clone());
    let mut fail_on = Severity::Error;
    let mut failing = false;
    let colour = color(&common);
    for input in &inputs {
        let linter = match linters.for_input(input) {
            Ok(l) => l,
            Err(e) => {
                eprint_error(&e);
                return TROUBLE;
            }
        };
        fail_on = linter.config().fail_on();
        match read(input, common.format_in) {
            Ok(source) => {
                let mut report = linter.lint(&source);
                let shown = if redact {
                    letterlint::redact::redact(&linter, &source, &mut report.diagnostics)
                } else {
                    source.text.clone()
                };
                failing |= report.count_at_least(linter.config().fail_on()) > 0;
                if format == OutputFormat::Human {
                    out(&human::render(
                        &source.name,
                        &shown,
                        &report.diagnostics,
                        colour,
                    ));
                }
                results.push(FileResult {
                    path: input.display(),
                    kind: Some(report.kind),
                    sector: Some(report.sector),
                    diagnostics: report.diagnostics,
                    error: None,
                });
            }
            Err(e) => {
                trouble = true;
                if format == OutputFormat::Human {
                    eprint_error(&e);
                }
                results.push(FileResult {
                    path: input.display(),
                    kind: None,
                    sector: None,
                    diagnostics: vec![],
                    error: Some(e.to_string()),
                });
            }
        }
    }
    match format {
        OutputFormat::Json => out(&json::render(&results)),
        OutputFormat::Human => out(&summary_line(&Summary::of(&results), fail_on)),
    }
    if trouble {
        TROUBLE
    } else if failing {
        FINDINGS
    } else {
        CLEAN
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary_line(s: &Summary, fail_on: Severity) -> String {
    let files = plural(s.files, "file", "files");
    if s.errors + s.warnings + s.infos == 0 {
        return format!("No findings in {files}.\n");
    }
    format!(
        "Found {}, {}, {} in {files} (failing on {} and above).\n",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        fail_on.as_str()
    )
}

fn input_of(file: &std::path::Path) -> Input {
    if file.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(file.to_path_buf())
    }
}

/// Prints the suggested rewrite (or its diff).
fn rewrite(file: &std::path::Path, unsafe_fixes: bool, common: Common, diff: bool) -> i32 {
    let input = input_of(file);
    let (linter, source) = match open(&input, &common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let level = if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Manual
    };
    let fixed = linter.fix(&source, level);
    if diff {
        let name = input.display();
        let d = similar::TextDiff::from_lines(&source.text, &fixed.text);
        out(&d
            .unified_diff()
            .context_radius(3)
            .header(&name, &format!("{name} (rewritten)"))
            .to_string());
    } else {
        out(&fixed.text);
    }
    CLEAN
}

/// Applies safe fixes in place, then reports what remains.
fn fix(files: &[PathBuf], format: OutputFormat, common: Common) -> i32 {
    let mut linters = Linters::new(common.clone());
    let mut results = Vec::new();
    let mut trouble = false;
    let mut failing = false;
    let mut fail_on = Severity::Error;
    let colour = color(&common);
    for f in files {
        let input = Input::File(f.clone());
        let linter = match linters.for_input(&input) {
            Ok(l) => l,
            Err(e) => {
                eprint_error(&e);
                return TROUBLE;
            }
        };
        fail_on = linter.config().fail_on();
        let result = read(&input, common.format_in).and_then(|source| {
            let fixed = linter.fix(&source, Applicability::Safe);
            if fixed.text != source.text {
                letterlint::io::write_atomic(f, fixed.text.as_bytes())?;
                if format == OutputFormat::Human {
                    eprintln!(
                        "fixed: {} ({} pass{})",
                        f.display(),
                        fixed.passes,
                        if fixed.passes == 1 { "" } else { "es" }
                    );
                }
            }
            Ok(fixed)
        });
        match result {
            Ok(fixed) => {
                let r = fixed.remaining;
                failing |= r.count_at_least(fail_on) > 0;
                if format == OutputFormat::Human {
                    out(&human::render(
                        &input.display(),
                        r.source_text(),
                        &r.diagnostics,
                        colour,
                    ));
                }
                results.push(FileResult {
                    path: input.display(),
                    kind: Some(r.kind),
                    sector: Some(r.sector),
                    diagnostics: r.diagnostics,
                    error: None,
                });
            }
            Err(e) => {
                trouble = true;
                eprint_error(&e);
                results.push(FileResult {
                    path: input.display(),
                    kind: None,
                    sector: None,
                    diagnostics: vec![],
                    error: Some(e.to_string()),
                });
            }
        }
    }
    match format {
        OutputFormat::Json => out(&json::render(&results)),
        OutputFormat::Human => out(&summary_line(&Summary::of(&results), fail_on)),
    }
    if trouble {
        TROUBLE
    } else if failing {
        FINDINGS
    } else {
        CLEAN
    }
}

fn linter_for_cwd(common: Common) -> Result<std::rc::Rc<letterlint::Linter>, Error> {
    Linters::new(common).for_input(&Input::Stdin)
}

/// Lists the rules.
fn rules(format: OutputFormat, common: Common) -> i32 {
    let linter = match linter_for_cwd(common) {
        Ok(l) => l,
        Err(e) => {
            eprint_error(&e);
            return TROUBLE;
        }
    };
    let pack = linter.pack();
    match format {
        OutputFormat::Json => {
            let rows: Vec<serde_json::Value> = linter
                .rules()
                .iter()
                .map(|r| {
                    serde_json::json!({"id": &*r.id, "group": &*r.group, "severity": r.severity, "enabled": r.enabled, "principle": &*r.principle})
                })
                .collect();
            out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            ));
        }
        OutputFormat::Human => {
            let width = pack.rules.iter().map(|r| r.id.len()).max().unwrap_or(10);
            let mut s = String::new();
            for r in linter.rules().iter() {
                let off = if r.enabled { "" } else { " (disabled)" };
                s.push_str(&format!(
                    "{:<width$}  {:<7}  {:<10}  {}{}\n",
                    r.id,
                    r.severity.as_str(),
                    r.group,
                    r.principle,
                    off
                ));
            }
            out(&s);
        }
    }
    CLEAN
}

/// Explains one rule.
fn explain(rule: &str, common: Common) -> i32 {
    let linter = match linter_for_cwd(common) {
        Ok(l) => l,
        Err(e) => {
            eprint_error(&e);
            return TROUBLE;
        }
    };
    match linter.pack().rule(rule) {
        Some(r) => {
            out(&letterlint::render::explain(r));
            CLEAN
        }
        None => {
            eprintln!("error: no rule `{rule}` (see `letterlint rules`)");
            TROUBLE
        }
    }
}

/// Prints the letter with its officers anonymised, or the JSON report.
fn anonymise(file: &std::path::Path, format: AnonFormat, common: Common) -> i32 {
    let input = input_of(file);
    let (linter, source) = match open(&input, &common) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mode = linter.config().mode.unwrap_or_default();
    let result = linter.anonymise(&source, mode);
    match format {
        AnonFormat::Text => out(&result.text),
        AnonFormat::Json => out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&result).unwrap_or_default()
        )),
    }
    CLEAN
}

/// The linter for one input and its text, or the exit code after reporting why not.
fn open(
    input: &Input,
    common: &Common,
) -> Result<(std::rc::Rc<letterlint::Linter>, letterlint::Source), i32> {
    let linter = Linters::new(common.clone()).for_input(input).map_err(|e| {
        eprint_error(&e);
        TROUBLE
    })?;
    let source = read(input, common.format_in).map_err(|e| {
        eprint_error(&e);
        TROUBLE
    })?;
    Ok((linter, source))
}
