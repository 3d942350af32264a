//! The `letterlint` command line: a thin layer over the library.

fn main() {
    std::process::exit(letterlint_cli::main());
}

#[path = "cli/mod.rs"]
mod letterlint_cli;
