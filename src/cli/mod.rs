//! Command-line parsing and the subcommands.

mod args;
mod commands;
mod files;

use clap::Parser;

/// Runs the CLI and returns the exit code: 0 clean at the failing severity, 1 findings,
/// 2 usage, configuration or I/O error.
pub fn main() -> i32 {
    // every letter runs under guard::isolate: a panic is reported as that file's error
    letterlint::guard::quiet_panics();
    let cli = match args::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    commands::run(cli)
}
