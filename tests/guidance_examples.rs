//! The guide's Examples A–D ("Involving those complained about",
//! complaint-handling-process-guide.txt) as acceptance tests of officer anonymisation.

use letterlint::anonymise::Mode;
use letterlint::{Applicability, Config, Format, Linter, Source};

const A: &str = "You say Officer Smith was rude to you when you approached reception. You say he refused to give you a leaflet about allotments and would not put you on the waiting list.";
const B: &str = "You say Officer White gave false information about you to the police.";
const C: &str =
    "Officer Jones failed to provide you with temporary accommodation when you were homeless.";
const D: &str = "Officer Grey discussed your case with her line manager, Senior Officer Blue.";
const NAMES: [&str; 5] = ["Smith", "White", "Jones", "Grey", "Blue"];

fn letter(body: &str) -> Source {
    Source::new(
        "example",
        format!("Dear Mrs Green,\n\n{body}\n\nYours sincerely,\n\nA Person\nComplaints Manager\n"),
        Format::Text,
    )
}

fn rewrite(mode: Mode, level: Applicability, body: &str) -> String {
    let linter = Linter::new(Config {
        mode: Some(mode),
        ..Config::default()
    })
    .unwrap();
    linter.fix(&letter(body), level).text
}

fn whole_word(text: &str, w: &str) -> bool {
    text.match_indices(w).any(|(i, _)| {
        let before = text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after = text[i + w.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        !before && !after
    })
}

#[test]
fn no_name_survives_in_any_mode() {
    for mode in [Mode::Label, Mode::Role, Mode::Organisation] {
        for level in [
            Applicability::Safe,
            Applicability::Manual,
            Applicability::Unsafe,
        ] {
            for body in [A, B, C, D] {
                let out = rewrite(mode, level, body);
                for n in NAMES {
                    assert!(
                        !whole_word(&out, n),
                        "{mode:?}/{level:?}: {n} survives in\n{out}"
                    );
                }
            }
            let linter = Linter::new(Config::default()).unwrap();
            for body in [A, B, C, D] {
                let out = linter.anonymise(&letter(body), mode).text;
                assert!(
                    NAMES.iter().all(|n| !whole_word(&out, n)),
                    "{mode:?} anonymise:\n{out}"
                );
            }
        }
    }
}

#[test]
fn example_a_in_role_mode() {
    let out = rewrite(Mode::Role, Applicability::Safe, A);
    assert!(
        out.contains("You say an officer was rude to you when you approached reception."),
        "{out}"
    );
    let linter = Linter::new(Config::default()).unwrap();
    let out = linter.anonymise(&letter(A), Mode::Role).text;
    assert!(out.contains("You say an officer was rude to you when you approached reception. You say they refused"), "{out}");
}

#[test]
fn example_b_and_c_in_organisation_mode() {
    let out = rewrite(Mode::Organisation, Applicability::Unsafe, C);
    assert!(
        out.contains(
            "We failed to provide you with temporary accommodation when you were homeless."
        ),
        "{out}"
    );
    let out = rewrite(Mode::Organisation, Applicability::Unsafe, B);
    assert!(
        out.contains("You say we gave false information about you to the police."),
        "{out}"
    );
    // without unsafe fixes, organisation mode falls back to a label
    let out = rewrite(Mode::Organisation, Applicability::Safe, C);
    assert!(out.contains("Officer A failed to provide you"), "{out}");
}

#[test]
fn example_d_collapses_the_apposition_and_the_pronoun() {
    for mode in [Mode::Label, Mode::Role] {
        let out = rewrite(mode, Applicability::Unsafe, D);
        assert!(
            out.contains("their line manager") || out.contains("their manager"),
            "{mode:?}: {out}"
        );
        assert!(!whole_word(&out, "her"), "{mode:?}: {out}");
    }
    let out = rewrite(Mode::Label, Applicability::Unsafe, D);
    assert!(
        out.contains("Officer A discussed your case with their line manager."),
        "{out}"
    );
}

#[test]
fn labels_are_consistent_across_forms() {
    let body = "Officer Smith visited on Monday. Smith's notes say she left a card. Officer Jones called later. Jones agreed with Smith.";
    let out = rewrite(Mode::Label, Applicability::Safe, body);
    assert!(
        out.contains("Officer A visited on Monday. Officer A's notes say"),
        "{out}"
    );
    assert!(
        out.contains("Officer B called later. Officer B agreed with Officer A."),
        "{out}"
    );
}
