//! The properties every lint must have, whatever the input: used by the fuzz targets
//! and by stable `cargo test` replays of their seed corpus.

use crate::{Applicability, Linter, Source};

/// Checks, for one source: every span and edit is in bounds and on char boundaries;
/// line and column agree with the byte offset; diagnostics are sorted; the rewrite is
/// faithful (text outside edits unchanged) and idempotent at every level. Returns the
/// first broken property.
pub fn check(linter: &Linter, source: &Source) -> Result<(), String> {
    let text = &source.text;
    let report = linter.lint(source);
    let lines = crate::document::LineIndex::new(text);
    let mut prev = 0;
    for d in &report.diagnostics {
        let s = d.span;
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            return Err(format!(
                "{}: span {}..{} out of bounds or not on a char boundary",
                d.rule, s.start, s.end
            ));
        }
        if lines.line_col(text, s.start) != (s.line, s.column)
            || lines.line_col(text, s.end) != (s.end_line, s.end_column)
        {
            return Err(format!(
                "{}: line/column disagree with offsets {}..{}",
                d.rule, s.start, s.end
            ));
        }
        if s.start < prev {
            return Err(format!("{}: diagnostics not sorted by position", d.rule));
        }
        prev = s.start;
        for f in &d.fixes {
            for e in &f.edits {
                if e.start > e.end
                    || e.end > text.len()
                    || !text.is_char_boundary(e.start)
                    || !text.is_char_boundary(e.end)
                {
                    return Err(format!(
                        "{}: edit {}..{} out of bounds",
                        d.rule, e.start, e.end
                    ));
                }
            }
        }
    }
    no_leak(linter, source)?;
    for level in [
        Applicability::Safe,
        Applicability::Manual,
        Applicability::Unsafe,
    ] {
        let rw = report.rewrite_detail(level);
        let (mut sp, mut op) = (0usize, 0usize);
        for e in &rw.applied {
            let gap = &text[sp..e.start];
            if rw.text.get(op..op + gap.len()) != Some(gap) {
                return Err(format!("{level:?}: text outside the edits changed"));
            }
            op += gap.len() + e.replacement.len();
            sp = e.end;
        }
        if rw.text.get(op..) != text.get(sp..) {
            return Err(format!("{level:?}: text after the last edit changed"));
        }
        let fixed = linter.fix(source, level);
        if fixed.passes >= crate::MAX_FIX_PASSES {
            return Err(format!("{level:?}: the rewrite reached no fixed point"));
        }
        if fixed.remaining.rewrite(level) != fixed.text {
            return Err(format!("{level:?}: the rewrite is not idempotent"));
        }
    }
    Ok(())
}

/// How often `word` occurs in `text` as a whole word (case-sensitive).
fn occurrences(text: &str, word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    text.match_indices(word)
        .filter(|(i, _)| {
            !is_word(text[..*i].chars().next_back())
                && !is_word(text[i + word.len()..].chars().next())
        })
        .count()
}

/// The leak law: the default rewrite names no officer the input names. Each name form
/// of an officer (the words of each mention) occurs in the rewrite no more often than it
/// occurs in the input outside that officer's mentions (a look-alike "Grey" in "grey
/// bin" may stay).
pub fn no_leak(linter: &Linter, source: &Source) -> Result<(), String> {
    let people = linter.people(source);
    let officers: Vec<_> = people
        .persons
        .iter()
        .filter(|p| p.role == crate::anonymise::PersonRole::Officer)
        .collect();
    if officers.is_empty() {
        return Ok(());
    }
    let fixed = linter.fix(source, Applicability::Manual).text;
    let text = &source.text;
    for p in officers {
        for m in &p.mentions {
            if matches!(m.signal, crate::anonymise::Signal::Phone) {
                continue;
            }
            let Some(form) = text.get(m.src.clone()) else {
                return Err(format!("mention {:?} out of bounds", m.src));
            };
            let inside = p
                .mentions
                .iter()
                .filter(|x| text.get(x.src.clone()) == Some(form))
                .count();
            let outside = occurrences(text, form).saturating_sub(inside);
            if occurrences(&fixed, form) > outside {
                return Err(format!("the rewrite leaks the officer name “{form}”"));
            }
        }
    }
    Ok(())
}

/// The anonymiser's laws: its output names no officer of the input (as [`no_leak`]),
/// and anonymising it again changes nothing.
pub fn check_anonymise(linter: &Linter, source: &Source) -> Result<(), String> {
    for mode in [
        crate::anonymise::Mode::Label,
        crate::anonymise::Mode::Role,
        crate::anonymise::Mode::Organisation,
    ] {
        let once = linter.anonymise(source, mode);
        for p in &once.people {
            if p.role != crate::anonymise::PersonRole::Officer {
                continue;
            }
            for m in &p.mentions {
                if matches!(m.signal, crate::anonymise::Signal::Phone) {
                    continue;
                }
                let inside = p.mentions.iter().filter(|x| x.text == m.text).count();
                let outside = occurrences(&source.text, &m.text).saturating_sub(inside);
                if occurrences(&once.text, &m.text) > outside {
                    return Err(format!("{mode:?}: anonymise leaks “{}”", m.text));
                }
            }
        }
        let again = Source::new(source.name.clone(), once.text.clone(), source.format);
        if linter.anonymise(&again, mode).text != once.text {
            return Err(format!("{mode:?}: anonymise is not idempotent"));
        }
    }
    Ok(())
}

/// A Word document's laws: reading arbitrary bytes gives a document or an error, never a
/// panic; a document read satisfies [`check`]; `fix_docx` gives a package that reads
/// back, whose text differs from the original only by whole applied edits.
pub fn check_docx(linter: &Linter, bytes: &[u8]) -> Result<(), String> {
    let limits = crate::docx::Limits::default();
    let Ok(doc) = crate::docx::read(bytes, &limits, true) else {
        return Ok(());
    };
    let source = Source::from_docx("fuzz.docx", doc);
    check(linter, &source)?;
    let path = std::path::Path::new("fuzz.docx");
    let fixed = match linter.fix_docx(path, bytes, true) {
        Ok(f) => f,
        Err(e) => return Err(format!("fix_docx failed on a readable document: {e}")),
    };
    let reread = crate::docx::read(&fixed.bytes, &limits, true)
        .map_err(|e| format!("the fixed package does not read back: {e}"))?;
    if fixed.applied == 0 && reread.text != source.text {
        return Err("nothing applied, yet the text changed".to_string());
    }
    if reread.paragraphs.len() != source.docx.as_ref().map_or(0, |d| d.paragraphs.len()) {
        return Err("fixing changed the number of paragraphs".to_string());
    }
    Ok(())
}

/// A configuration's laws: any text parses to a configuration or an error naming
/// `<config>` with a line and column; a configuration that parses builds a linter or an
/// error, and a linter built satisfies [`check`] on `letter`.
pub fn check_config(text: &str, letter: &Source) -> Result<(), String> {
    match text.parse::<crate::Config>() {
        Err(e) => {
            let msg = e.to_string();
            if !msg.starts_with("<config>:") {
                return Err(format!("config error without a location: {msg}"));
            }
            Ok(())
        }
        Ok(mut config) => {
            // Files named by the config are not read while fuzzing.
            config.rules = None;
            config.roster = None;
            if config.matcher().is_err() {
                return Ok(());
            }
            match Linter::new(config) {
                Ok(linter) => check(&linter, letter),
                Err(_) => Ok(()),
            }
        }
    }
}

/// A user rule pack's laws: any text merges over the built-in pack or gives an error
/// naming the file; a pack that merges builds a linter or an error (a regex over the
/// size limit is an error, never a hang), and a linter built satisfies [`check`].
pub fn check_rule_pack(text: &str, letter: &Source) -> Result<(), String> {
    match crate::rules::Pack::with_user_text("user.toml", text) {
        Err(e) => {
            let msg = e.to_string();
            if !msg.contains("user.toml") && !msg.contains("rules/") {
                return Err(format!("pack error without its file: {msg}"));
            }
            Ok(())
        }
        Ok(pack) => match Linter::with_pack(crate::Config::default(), pack) {
            Ok(linter) => check(&linter, letter),
            Err(_) => Ok(()),
        },
    }
}
