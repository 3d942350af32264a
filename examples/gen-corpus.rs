//! Writes a generated corpus of letters to disk, for measuring the CLI over a template
//! library: `cargo run --release --example gen-corpus -- DIR [SEED] [N]` (defaults: seed
//! 1, 5,000 letters in `decisions/`, `acknowledgements/` and `updates/`). The letters
//! come from the same seeded generator as the benchmarks (`benches/corpus/`).

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    const USAGE: &str = "usage: gen-corpus DIR [SEED] [N]";
    let dir = match args.next() {
        Some(a) if a == "-h" || a == "--help" => {
            println!("{USAGE}");
            return;
        }
        Some(a) if a.starts_with('-') => {
            eprintln!("gen-corpus: unknown option {a}\n{USAGE}");
            std::process::exit(2);
        }
        Some(a) => PathBuf::from(a),
        None => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    let parse = |s: Option<String>, default: u64, what: &str| -> u64 {
        s.map_or(Ok(default), |s| s.parse::<u64>())
            .unwrap_or_else(|_| {
                eprintln!("gen-corpus: {what} must be a number");
                std::process::exit(2)
            })
    };
    let seed = parse(args.next(), 1, "SEED");
    let n = parse(args.next(), 5000, "N") as usize;
    match corpus::write_corpus(&dir, seed, n) {
        Ok(bytes) => println!("wrote {n} letters ({bytes} bytes) to {}", dir.display()),
        Err(e) => {
            eprintln!("gen-corpus: {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
}
