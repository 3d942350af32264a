//! Every rule's worked examples in the built-in pack (`[[rule.example]]`), run by one
//! generic test, as Harper's and textlint's testers do: `bad` must raise the rule,
//! `good` must not, and `fixed` is the rewrite of `bad` with only that rule's fixes.

use letterlint::{Applicability, Config, Format, Linter, Source};

#[test]
fn every_rule_has_examples_and_they_hold() {
    let pack = letterlint::rules::Pack::builtin().unwrap();
    let mut checked = 0;
    for rule in &pack.rules {
        assert!(
            !rule.example.is_empty(),
            "rule `{}` has no [[rule.example]]",
            rule.id
        );
        for (i, ex) in rule.example.iter().enumerate() {
            let config = Config {
                kind: ex.kind,
                sector: ex.sector,
                select: std::iter::once(rule.id.clone())
                    .chain(ex.with.iter().cloned())
                    .collect(),
                ..Config::default()
            };
            let linter = Linter::new(config).unwrap();
            let format = ex.format.unwrap_or(Format::Text);
            let fires = |text: &str| {
                let r = linter.lint(&Source::new("example", text, format));
                r.diagnostics.iter().any(|d| *d.rule == *rule.id)
            };
            assert!(
                fires(&ex.bad),
                "{} example {i}: `bad` does not raise it:\n{}",
                rule.id,
                ex.bad
            );
            if let Some(good) = &ex.good {
                assert!(
                    !fires(good),
                    "{} example {i}: `good` raises it:\n{good}",
                    rule.id
                );
            }
            if let Some(fixed) = &ex.fixed {
                let level = ex.level.unwrap_or(Applicability::Unsafe);
                let got = linter
                    .fix(&Source::new("example", ex.bad.as_str(), format), level)
                    .text;
                assert_eq!(&got, fixed, "{} example {i}: rewrite differs", rule.id);
            }
            checked += 1;
        }
    }
    assert!(checked >= pack.rules.len());
}

#[test]
fn explain_has_every_section() {
    let pack = letterlint::rules::Pack::builtin().unwrap();
    for rule in &pack.rules {
        let text = letterlint::render::explain(rule);
        for section in [
            "Principle:",
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Fix safety",
        ] {
            assert!(
                text.contains(section),
                "explain {} lacks {section}",
                rule.id
            );
        }
    }
}

#[test]
fn readme_lists_every_rule() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let pack = letterlint::rules::Pack::builtin().unwrap();
    for rule in &pack.rules {
        assert!(
            readme.contains(&format!("`{}`", rule.id)),
            "README.md does not list rule `{}`",
            rule.id
        );
    }
}
