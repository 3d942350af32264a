//! Sentence boundaries of a prose block, by the rules of Unicode's UAX #29 (SB1–SB11).
//!
//! The text of letters is almost all ASCII and Latin letters, for which the sentence
//! classes are known without a table lookup: this splitter handles those characters
//! itself and hands any block with another character (combining marks, soft hyphens,
//! other scripts, the rarer punctuation) to `unicode-segmentation`. Both give the same
//! pieces; a property test holds them to it.

/// A character's UAX #29 sentence-break class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sb {
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Any,
}

/// The class of `c`, or `None` where the table must be asked.
fn class(c: char) -> Option<Sb> {
    Some(match c {
        '\r' => Sb::Cr,
        '\n' => Sb::Lf,
        '\t' | '\u{B}' | '\u{C}' | ' ' | '\u{A0}' => Sb::Sp,
        'a'..='z' | '\u{AA}' | '\u{B5}' | '\u{BA}' => Sb::Lower,
        'A'..='Z' => Sb::Upper,
        '0'..='9' => Sb::Numeric,
        '.' => Sb::ATerm,
        '!' | '?' => Sb::STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '\u{AB}' | '\u{BB}' => Sb::Close,
        ',' | '-' | ':' | ';' => Sb::SContinue,
        '\u{0}'..='\u{7F}' => Sb::Any,
        '\u{A1}'..='\u{BF}' if c != '\u{AD}' => Sb::Any,
        '\u{20AC}' => Sb::Any,
        '\u{C0}'..='\u{24F}' if c.is_uppercase() => Sb::Upper,
        '\u{C0}'..='\u{24F}' if c.is_lowercase() => Sb::Lower,
        _ => return None,
    })
}

/// Calls `f(offset, piece)` for each sentence piece of `text` in order, trailing white
/// space included: exactly `unicode_segmentation`'s `split_sentence_bound_indices`.
pub(crate) fn for_each(text: &str, scratch: &mut Vec<(usize, Sb)>, mut f: impl FnMut(usize, &str)) {
    scratch.clear();
    for (i, c) in text.char_indices() {
        match class(c) {
            Some(k) => scratch.push((i, k)),
            None => {
                use unicode_segmentation::UnicodeSegmentation;
                for (i, s) in text.split_sentence_bound_indices() {
                    f(i, s);
                }
                return;
            }
        }
    }
    let mut start = 0;
    let mut emit = |end: usize, f: &mut dyn FnMut(usize, &str)| {
        if end > start && end < text.len() {
            f(start, &text[start..end]);
            start = end;
        }
    };
    let cs = &scratch[..];
    let n = cs.len();
    let at = |k: usize| cs.get(k).map_or(text.len(), |c| c.0);
    let mut i = 0;
    while i < n {
        match cs[i].1 {
            // SB3, SB4: break after a paragraph separator, CR LF kept together
            Sb::Cr if cs.get(i + 1).is_some_and(|c| c.1 == Sb::Lf) => {
                emit(at(i + 2), &mut f);
                i += 2;
            }
            Sb::Cr | Sb::Lf => {
                emit(at(i + 1), &mut f);
                i += 1;
            }
            t @ (Sb::ATerm | Sb::STerm) => {
                let aterm = t == Sb::ATerm;
                let mut j = i + 1;
                while j < n && cs[j].1 == Sb::Close {
                    j += 1;
                }
                while j < n && cs[j].1 == Sb::Sp {
                    j += 1;
                }
                if j == n {
                    break;
                }
                let next = cs[j].1;
                if matches!(next, Sb::Cr | Sb::Lf) {
                    // SB9–SB11: the break comes after the separator
                    i = j;
                    continue;
                }
                let adjacent = j == i + 1;
                let keep = (aterm && adjacent && next == Sb::Numeric) // SB6
                    || (aterm // SB7
                        && adjacent
                        && next == Sb::Upper
                        && i > 0
                        && matches!(cs[i - 1].1, Sb::Upper | Sb::Lower))
                    || (aterm && lower_follows(&cs[j..])) // SB8
                    || matches!(next, Sb::SContinue | Sb::ATerm | Sb::STerm); // SB8a
                if !keep {
                    emit(at(j), &mut f); // SB11
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    if start < text.len() {
        f(start, &text[start..]);
    }
}

/// SB8: whether the first letter, separator or terminator ahead is lower case.
fn lower_follows(cs: &[(usize, Sb)]) -> bool {
    cs.iter().map(|c| c.1).find(|k| {
        matches!(
            k,
            Sb::Upper | Sb::Lower | Sb::Cr | Sb::Lf | Sb::ATerm | Sb::STerm
        )
    }) == Some(Sb::Lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn ours(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for_each(text, &mut Vec::new(), |i, s| out.push((i, s.to_string())));
        out
    }

    fn theirs(text: &str) -> Vec<(usize, String)> {
        text.split_sentence_bound_indices()
            .map(|(i, s)| (i, s.to_string()))
            .collect()
    }

    #[test]
    fn letters_split_as_uax29_does() {
        for text in [
            "I am sorry. We were wrong! Were we? Yes.",
            "Mr. Smith said e.g. the U.S.A. Government (the council.) said so.",
            "It cost £3.50. \"Why?\" she asked. 'Then.' And then…",
            "Line one\nLine two.\r\nLine three.  ",
            "See section 3.2, which says so.- and then; more.Then",
            "Zoë. Ólafur. ǅemal. ß. \u{1A} mask. x",
            "",
            "   ",
            ".",
        ] {
            assert_eq!(ours(text), theirs(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn same_pieces_as_unicode_segmentation(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'b', 'T', 'Q', '.', '.', '!', '?', ' ', ' ', '"', '\'', '(', ')', ']',
                ',', '-', ':', ';', '3', '\n', '\r', '\t', 'é', 'É', 'ǅ', 'ß', '£', '€',
                '\u{1A}', '\u{A0}', '\u{AD}', '\u{301}', '…', 'ǀ', '«', '»', '¿', 'ª',
                '\u{2029}', 'Ж', '。',
            ]), 0..40)
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(ours(&text), theirs(&text));
        }
    }
}
