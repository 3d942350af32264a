//! The rewrite's two laws (DESIGN.md), on every letter the project ships:
//!
//! - idempotent: linting the rewrite yields no further fixes at that level, and
//!   rewriting it again changes nothing;
//! - faithful: text outside the edited ranges is byte-for-byte unchanged, and Markdown
//!   structure (headings, list items, emphasis) survives.

mod common;

use letterlint::{Applicability, Config, Format, Linter, MAX_FIX_PASSES};
use pulldown_cmark::{Event, Parser, Tag};

const LEVELS: [Applicability; 3] = [
    Applicability::Safe,
    Applicability::Manual,
    Applicability::Unsafe,
];

#[test]
fn rewrite_is_idempotent_on_every_letter() {
    let linter = Linter::new(Config::default()).unwrap();
    let sources = common::all_sources();
    assert!(sources.len() >= 15);
    for s in &sources {
        for level in LEVELS {
            let fixed = linter.fix(s, level);
            assert!(
                fixed.passes < MAX_FIX_PASSES,
                "{}: no fixed point at {level:?}",
                s.name
            );
            let again = fixed.remaining.rewrite(level);
            assert_eq!(
                again, fixed.text,
                "{}: rewriting the rewrite at {level:?} changed it",
                s.name
            );
            let mut s2 = s.clone();
            s2.text = fixed.text.clone();
            assert_eq!(
                linter.fix(&s2, level).text,
                fixed.text,
                "{}: fix(fix(x)) != fix(x) at {level:?}",
                s.name
            );
        }
    }
}

fn structure(text: &str) -> (usize, usize, usize) {
    let (mut headings, mut items, mut emphasis) = (0, 0, 0);
    for ev in Parser::new(text) {
        match ev {
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::Item) => items += 1,
            Event::Start(Tag::Emphasis) | Event::Start(Tag::Strong) => emphasis += 1,
            _ => {}
        }
    }
    (headings, items, emphasis)
}

#[test]
fn rewrite_is_faithful_on_every_letter() {
    let linter = Linter::new(Config::default()).unwrap();
    for s in &common::all_sources() {
        let report = linter.lint(s);
        for level in LEVELS {
            let rw = report.rewrite_detail(level);
            // Walk the applied edits: every gap between them is copied unchanged.
            let (mut src_pos, mut out_pos) = (0usize, 0usize);
            for e in &rw.applied {
                let gap = &s.text[src_pos..e.start];
                assert_eq!(
                    &rw.text[out_pos..out_pos + gap.len()],
                    gap,
                    "{}: text outside edits changed",
                    s.name
                );
                out_pos += gap.len();
                assert_eq!(
                    &rw.text[out_pos..out_pos + e.replacement.len()],
                    e.replacement
                );
                out_pos += e.replacement.len();
                src_pos = e.end;
            }
            assert_eq!(
                &rw.text[out_pos..],
                &s.text[src_pos..],
                "{}: tail changed",
                s.name
            );
            if s.format == Format::Markdown {
                let fixed = linter.fix(s, level).text;
                assert_eq!(
                    structure(&fixed),
                    structure(&s.text),
                    "{}: Markdown structure changed at {level:?}",
                    s.name
                );
            }
        }
    }
}
