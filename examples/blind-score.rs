//! Scores a blind set (letters with `*.gold.json` labels, schema in
//! `tests/blind/README.md`) and prints Markdown for `tests/blind/RESULTS.md`:
//! `cargo run --release --example blind-score -- DIR [--detail]`. The set is linted twice,
//! with kind and sector inferred and with the labelled sector given as an option.

#[path = "../tests/blind/score.rs"]
mod score;

fn main() {
    let mut dir = None;
    let mut detail = false;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--detail" => detail = true,
            "-h" | "--help" => {
                println!("usage: blind-score DIR [--detail]");
                return;
            }
            _ if a.starts_with('-') => {
                eprintln!("blind-score: unknown option {a}");
                std::process::exit(2);
            }
            _ => dir = Some(std::path::PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: blind-score DIR [--detail]");
        std::process::exit(2);
    };
    let letters = score::load(&dir);
    for (hints, title) in [
        (score::Hints::None, "inferred"),
        (score::Hints::Sector, "labelled sector given"),
    ] {
        let s = score::score(&letters, hints);
        println!("{}", s.markdown(&format!("{} — {title}", dir.display())));
        if detail {
            println!("```\n{}```\n", s.detail());
        }
    }
}
