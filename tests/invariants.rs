//! The fuzzers' invariants (`letterlint::invariants`) on stable Rust: every shipped
//! letter, the fuzz seed corpus, and hand-made hostile inputs.

mod common;

use letterlint::{invariants, Config, Format, Linter, Source};

fn hostile() -> Vec<String> {
    let mut v = vec![
        String::new(),
        "\n\n\n".into(),
        "Dear".into(),
        "Dear ".into(),
        "Yours sincerely".into(),
        "“”‘’".into(),
        "Ombudsman Ombudsman".into(),
        "[[".into(),
        "]] [[ {{ }} << >> « »".into(),
        "Mae’r llythyr\r\nYours sincerely\r\n\r\nZoë".into(),
        "# \n- \n> \n```\nYours sincerely\n".into(),
        "\u{FEFF}Dear Siân,\u{200B}\n\nI uphold it.".into(),
        "You can ask the Ombudsman".into(),
        "you can contact the LGO'".into(),
        "South Quay Plaza, 183 Marsh Wall".into(),
        "'''\"\"\"'a' \"b".into(),
        "1. 2. 3.\n(a) (b)\n• • •".into(),
    ];
    v.push("a ".repeat(5000));
    v.push(format!(
        "{}You can ask the Housing Ombudsman{}",
        ">".repeat(200),
        "*".repeat(200)
    ));
    v.push("É".repeat(3000));
    v
}

#[test]
fn invariants_hold_on_every_letter_and_hostile_input() {
    let linter = Linter::new(Config::default()).unwrap();
    let mut sources = common::all_sources();
    for (i, h) in hostile().into_iter().enumerate() {
        for format in [Format::Text, Format::Markdown] {
            sources.push(Source::new(format!("hostile-{i}"), h.clone(), format));
        }
    }
    let seeds = common::root().join("fuzz/seeds");
    if let Ok(dir) = std::fs::read_dir(&seeds) {
        for e in dir.flatten() {
            let bytes = std::fs::read(e.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            for format in [Format::Text, Format::Markdown] {
                sources.push(Source::new(
                    e.path().display().to_string(),
                    text.clone(),
                    format,
                ));
            }
        }
    }
    for s in &sources {
        if let Err(e) = invariants::check(&linter, s) {
            panic!("{} ({:?}): {e}", s.name, s.format);
        }
    }
}
