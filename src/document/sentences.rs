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
///
/// Only line ends and terminators (`\r`, `\n`, `.`, `!`, `?`) can end a piece, so the
/// text is scanned for those bytes and the characters around each are classified.
pub(crate) fn for_each(text: &str, mut f: impl FnMut(usize, &str)) {
    if !text.is_ascii() && text.chars().any(|c| class(c).is_none()) {
        use unicode_segmentation::UnicodeSegmentation;
        for (i, s) in text.split_sentence_bound_indices() {
            f(i, s);
        }
        return;
    }
    let bytes = text.as_bytes();
    let len = text.len();
    // the class of the character at byte `i` (a char boundary), and its length
    let class_at = |i: usize| -> (Sb, usize) {
        match bytes[i] {
            b if b.is_ascii() => (class(b as char).unwrap_or(Sb::Any), 1),
            _ => text[i..].chars().next().map_or((Sb::Any, 1), |c| {
                (class(c).unwrap_or(Sb::Any), c.len_utf8())
            }),
        }
    };
    let mut start = 0;
    let mut emit = |end: usize, f: &mut dyn FnMut(usize, &str)| {
        if end > start && end < len {
            f(start, &text[start..end]);
            start = end;
        }
    };
    let mut i = 0;
    while let Some(off) = bytes[i..]
        .iter()
        .position(|b| matches!(b, b'\r' | b'\n' | b'.' | b'!' | b'?'))
    {
        let p = i + off;
        match bytes[p] {
            // SB3, SB4: break after a paragraph separator, CR LF kept together
            b'\r' if bytes.get(p + 1) == Some(&b'\n') => {
                emit(p + 2, &mut f);
                i = p + 2;
            }
            b'\r' | b'\n' => {
                emit(p + 1, &mut f);
                i = p + 1;
            }
            t => {
                let aterm = t == b'.';
                let mut j = p + 1;
                while j < len && class_at(j).0 == Sb::Close {
                    j += class_at(j).1;
                }
                while j < len && class_at(j).0 == Sb::Sp {
                    j += class_at(j).1;
                }
                if j == len {
                    break;
                }
                let next = class_at(j).0;
                if matches!(next, Sb::Cr | Sb::Lf) {
                    // SB9–SB11: the break comes after the separator
                    i = j;
                    continue;
                }
                let adjacent = j == p + 1;
                let before = text[..p]
                    .chars()
                    .next_back()
                    .map(|c| class(c).unwrap_or(Sb::Any));
                let keep = (aterm && adjacent && next == Sb::Numeric) // SB6
                    || (aterm // SB7
                        && adjacent
                        && next == Sb::Upper
                        && matches!(before, Some(Sb::Upper | Sb::Lower)))
                    || (aterm && lower_follows(&text[j..])) // SB8
                    || matches!(next, Sb::SContinue | Sb::ATerm | Sb::STerm); // SB8a
                if !keep {
                    emit(j, &mut f); // SB11
                }
                i = j;
            }
        }
    }
    if start < len {
        f(start, &text[start..]);
    }
}

/// SB8: whether the first letter, separator or terminator of `rest` is lower case.
fn lower_follows(rest: &str) -> bool {
    rest.chars().map(|c| class(c).unwrap_or(Sb::Any)).find(|k| {
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
        for_each(text, |i, s| out.push((i, s.to_string())));
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
