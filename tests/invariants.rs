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
    for (dir, format) in [
        ("lint_text", Format::Text),
        ("lint_markdown", Format::Markdown),
    ] {
        for (path, bytes) in seeds(dir) {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            sources.push(Source::new(path, text, format));
        }
    }
    for s in &sources {
        if let Err(e) = invariants::check(&linter, s) {
            panic!("{} ({:?}): {e}", s.name, s.format);
        }
    }
}

/// The seed corpus (and crash reproducers) of one fuzz target: `fuzz/seeds/<target>/`.
fn seeds(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = common::root().join("fuzz/seeds").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no seeds for {target}");
    out
}

fn sample_letter() -> Source {
    let text =
        std::fs::read_to_string(common::root().join("fuzz/seeds/lint_text/short-housing.txt"))
            .unwrap();
    Source::new("letter.txt", text, Format::Text)
}

/// The fuzz targets' seeds replayed through the same checks on stable Rust, so CI guards
/// them without nightly features.
#[test]
fn fuzz_seeds_replay_through_every_target() {
    let linter = Linter::new(Config::default()).unwrap();
    for (path, bytes) in seeds("lint_docx") {
        if let Err(e) = invariants::check_docx(&linter, &bytes) {
            panic!("lint_docx {path}: {e}");
        }
    }
    for (path, bytes) in seeds("anonymise") {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let format = if path.ends_with(".md") {
            Format::Markdown
        } else {
            Format::Text
        };
        if let Err(e) =
            invariants::check_anonymise(&linter, &Source::new(path.clone(), text, format))
        {
            panic!("anonymise {path}: {e}");
        }
    }
    let letter = sample_letter();
    for (path, bytes) in seeds("config") {
        if let Err(e) = invariants::check_config(&String::from_utf8_lossy(&bytes), &letter) {
            panic!("config {path}: {e}");
        }
    }
    for (path, bytes) in seeds("rule_pack") {
        if let Err(e) = invariants::check_rule_pack(&String::from_utf8_lossy(&bytes), &letter) {
            panic!("rule_pack {path}: {e}");
        }
    }
}
