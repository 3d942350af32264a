//! The officer corpus (`tests/officers/`, mentions marked ⟦…⟧): mention-level precision
//! and recall of officer detection (by signal found and by form written), look-alikes
//! wrongly flagged, and the leak law — the rewrite of every letter contains none of its
//! officers' name forms, and still contains every look-alike.

mod common;

use common::{Marked, OfficerLetter};
use letterlint::anonymise::{Mode, PersonRole};
use letterlint::{Applicability, Config, Linter};
use std::collections::BTreeMap;

#[derive(Default, Clone, Copy)]
struct Pr {
    tp: usize,
    fp: usize,
    fn_: usize,
}

fn linter_for(l: &OfficerLetter) -> Linter {
    Linter::new(Config {
        staff: l.roster.clone(),
        ..Config::default()
    })
    .unwrap()
}

fn overlaps(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Words of titles and roles (from the pack's own lists): not name forms.
fn title_words() -> Vec<String> {
    let pack = letterlint::rules::Pack::builtin().unwrap();
    let o = &pack.officers;
    o.staff_titles
        .iter()
        .chain(&o.neutral_titles)
        .chain(&o.third_party_titles)
        .chain(&o.staff_roles)
        .flat_map(|t| {
            t.split_whitespace()
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Name forms of an officer mention: its words less titles, roles and short particles,
/// without a possessive 's; for e-mail, the local part's words; for a phone, the number.
fn forms(m: &Marked) -> Vec<String> {
    let titles = title_words();
    if m.form.as_deref() == Some("phone") {
        return vec![m.text.clone()];
    }
    let email = m.form.as_deref() == Some("email");
    m.text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .flat_map(|w| {
            if email {
                w.split('-').collect::<Vec<_>>()
            } else {
                vec![w]
            }
        })
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(|c| c == '\'' || c == '’')
        })
        .filter(|w| w.chars().count() > 2 && !titles.contains(&w.to_lowercase()))
        .filter(|w| email || w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_string)
        .collect()
}

/// Whole-word occurrences of `word` in `text` (case as written), outside any of `shields`.
fn leaks(text: &str, word: &str, shields: &[String]) -> usize {
    let mut shielded = vec![false; text.len()];
    for s in shields {
        for (i, _) in text.match_indices(s.as_str()) {
            shielded[i..i + s.len()].iter_mut().for_each(|x| *x = true);
        }
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word) && !shielded[*i]
        })
        .count()
}

#[test]
fn officer_detection_precision_recall_and_leak_law() {
    let letters = common::officer_letters();
    let mut by_signal: BTreeMap<String, Pr> = BTreeMap::new();
    let mut by_form: BTreeMap<String, Pr> = BTreeMap::new();
    let mut total = Pr::default();
    let (mut officer_mentions, mut lookalikes, mut lookalike_fp) = (0, 0, 0);
    let (mut leaked, mut lost) = (Vec::new(), Vec::new());
    let mut misses = Vec::new();
    for l in &letters {
        let linter = linter_for(l);
        let anon = linter.anonymise(&l.source, Mode::Label);
        let predicted: Vec<(std::ops::Range<usize>, String)> = anon
            .people
            .iter()
            .filter(|p| p.role == PersonRole::Officer)
            .flat_map(|p| {
                p.mentions
                    .iter()
                    .map(|m| (m.start..m.end, format!("{:?}", m.signal).to_lowercase()))
            })
            .collect();
        let gold: Vec<&Marked> = l
            .marks
            .iter()
            .filter(|m| m.label.starts_with('O'))
            .collect();
        let others: Vec<&Marked> = l
            .marks
            .iter()
            .filter(|m| !m.label.starts_with('O'))
            .collect();
        officer_mentions += gold.len();
        lookalikes += others.len();
        let name = l.path.file_name().unwrap().to_string_lossy().to_string();
        for (r, signal) in &predicted {
            let hit = gold.iter().any(|g| overlaps(&g.range, r));
            let e = by_signal.entry(signal.clone()).or_default();
            if hit {
                e.tp += 1;
            } else {
                e.fp += 1;
                total.fp += 1;
                let what = others
                    .iter()
                    .find(|o| overlaps(&o.range, r))
                    .map_or("unmarked".to_string(), |o| {
                        format!("{} {:?}", o.label, o.text)
                    });
                misses.push(format!(
                    "  FP {name}: {:?} ({signal}) is {what}",
                    &l.source.text[r.clone()]
                ));
                if others.iter().any(|o| overlaps(&o.range, r)) {
                    lookalike_fp += 1;
                }
            }
        }
        for g in &gold {
            let hit = predicted.iter().any(|(r, _)| overlaps(&g.range, r));
            let e = by_form
                .entry(g.form.clone().unwrap_or_default())
                .or_default();
            if hit {
                e.tp += 1;
                total.tp += 1;
            } else {
                e.fn_ += 1;
                total.fn_ += 1;
                misses.push(format!(
                    "  FN {name}: {:?} ({} {})",
                    g.text,
                    g.label,
                    g.form.as_deref().unwrap_or("")
                ));
            }
        }
        // The leak law, on the default rewrite and on the anonymised text.
        let shields: Vec<String> = others.iter().map(|o| o.text.clone()).collect();
        let rewrite = linter.fix(&l.source, Applicability::Manual).text;
        for (what, text) in [("rewrite", &rewrite), ("anonymise", &anon.text)] {
            for g in &gold {
                for f in forms(g) {
                    let n = leaks(text, &f, &shields);
                    if n > 0 {
                        leaked.push(format!("  {name} ({what}): {f:?} x{n}"));
                    }
                }
            }
            for o in &others {
                if !text.contains(o.text.as_str()) {
                    lost.push(format!(
                        "  {name} ({what}): look-alike {:?} ({}) missing",
                        o.text, o.label
                    ));
                }
            }
        }
    }
    let p = |c: &Pr| {
        if c.tp + c.fp == 0 {
            1.0
        } else {
            c.tp as f64 / (c.tp + c.fp) as f64
        }
    };
    let r = |c: &Pr| {
        if c.tp + c.fn_ == 0 {
            1.0
        } else {
            c.tp as f64 / (c.tp + c.fn_) as f64
        }
    };
    println!("\nofficer corpus: {} letters, {officer_mentions} officer mentions, {lookalikes} look-alikes", letters.len());
    println!(
        "\nprecision by signal found\n{:<12} {:>4} {:>4} {:>9}",
        "signal", "TP", "FP", "precision"
    );
    for (s, c) in &by_signal {
        println!("{s:<12} {:>4} {:>4} {:>9.3}", c.tp, c.fp, p(c));
    }
    println!(
        "\nrecall by form written\n{:<12} {:>4} {:>4} {:>7}",
        "form", "TP", "FN", "recall"
    );
    for (s, c) in &by_form {
        println!("{s:<12} {:>4} {:>4} {:>7.3}", c.tp, c.fn_, r(c));
    }
    println!(
        "\nall mentions: precision {:.3}, recall {:.3}",
        p(&total),
        r(&total)
    );
    println!("look-alikes flagged as officers: {lookalike_fp} of {lookalikes}");
    println!("leaks: {}; look-alikes lost: {}", leaked.len(), lost.len());
    for line in misses.iter().chain(&leaked).chain(&lost) {
        println!("{line}");
    }
    assert!(letters.len() >= 60, "{} letters", letters.len());
    assert!(officer_mentions >= 150 && lookalikes >= 60);
    assert!(r(&total) >= 0.97, "recall {:.3} < 0.97", r(&total));
    assert!(p(&total) >= 0.95, "precision {:.3} < 0.95", p(&total));
    assert!(
        leaked.is_empty(),
        "the rewrite leaks officer names:\n{}",
        leaked.join("\n")
    );
    assert!(
        lost.is_empty(),
        "the rewrite lost look-alikes:\n{}",
        lost.join("\n")
    );
}

/// The phone pattern comes from `rules/officers.toml`: a direct line written with "+44"
/// and a no-break space (as word processors write it) is found as one, as with a space.
#[test]
fn a_direct_line_after_plus_44_and_a_no_break_space_is_a_phone_mention() {
    let linter = Linter::new(Config::default()).unwrap();
    for gap in [" ", "\u{a0}"] {
        let number = format!("+44{gap}161 496 0733");
        let text = format!(
            "Dear Mr Jones\n\nYour complaint about Mrs Akhtar has been investigated. You can reach Mrs Akhtar on her direct line, {number}.\n\nYours sincerely\n\nComplaints Team\n"
        );
        let people = linter.people(&letterlint::Source::new(
            "a.txt",
            text.as_str(),
            letterlint::Format::Text,
        ));
        let phones: Vec<&str> = people
            .persons
            .iter()
            .flat_map(|p| &p.mentions)
            .filter(|m| matches!(m.signal, letterlint::anonymise::Signal::Phone))
            .map(|m| &text[m.src.clone()])
            .collect();
        assert_eq!(phones, [number.as_str()], "{text}");
    }
}
