//! A set of literal phrases matched in one aho-corasick pass, as whole words,
//! ASCII-case-insensitively unless a phrase asks for exact case.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::ops::Range;

/// One phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The caller's tag for the phrase (what it stands for).
    pub tag: u32,
    /// The index of the phrase in the set.
    pub phrase: usize,
    /// Where it is in the searched text.
    pub range: Range<usize>,
}

#[derive(Debug, Clone)]
struct Meta {
    tag: u32,
    exact: Option<Box<str>>,
}

/// Builds a [`PhraseSet`].
#[derive(Debug, Default)]
pub struct PhraseSetBuilder {
    patterns: Vec<String>,
    meta: Vec<Meta>,
}

impl PhraseSetBuilder {
    /// Adds `phrase` with `tag`. Case-sensitive phrases must match their case exactly.
    /// The phrase is normalised as prose is (curly quotes straight, dashes `-`, single spaces).
    pub fn add(&mut self, phrase: &str, tag: u32, case_sensitive: bool) -> &mut Self {
        let p = normalise_phrase(phrase);
        if p.is_empty() {
            return self;
        }
        self.meta.push(Meta {
            tag,
            exact: case_sensitive.then(|| p.clone().into_boxed_str()),
        });
        self.patterns.push(p);
        self
    }

    /// Compiles the set.
    pub fn build(self) -> PhraseSet {
        let ac = (!self.patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&self.patterns)
                .expect("literal phrase sets always compile")
        });
        PhraseSet {
            ac,
            meta: self.meta,
            patterns: self.patterns,
        }
    }
}

/// A compiled set of phrases.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    ac: Option<AhoCorasick>,
    meta: Vec<Meta>,
    patterns: Vec<String>,
}

impl PhraseSet {
    /// A new builder.
    pub fn builder() -> PhraseSetBuilder {
        PhraseSetBuilder::default()
    }

    /// How many phrases the set holds.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The (normalised) text of phrase `i`.
    pub fn phrase(&self, i: usize) -> &str {
        &self.patterns[i]
    }

    /// Every whole-word match in `hay`, leftmost-longest, never overlapping.
    pub fn find_all(&self, hay: &str) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        self.find_into(hay, 0, &mut out);
        out
    }

    /// Appends the matches in `hay` (offset by `base`) to `out`.
    pub fn find_into(&self, hay: &str, base: usize, out: &mut Vec<PhraseMatch>) {
        let Some(ac) = &self.ac else { return };
        let first = out.len();
        for m in ac.find_overlapping_iter(hay) {
            let r = m.start()..m.end();
            let meta = &self.meta[m.pattern().as_usize()];
            if let Some(exact) = &meta.exact {
                if hay[r.clone()] != **exact {
                    continue;
                }
            }
            if !whole_word(hay, &r) {
                continue;
            }
            out.push(PhraseMatch {
                tag: meta.tag,
                phrase: m.pattern().as_usize(),
                range: base + r.start..base + r.end,
            });
        }
        let found = &mut out[first..];
        found.sort_by(|a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(b.range.end.cmp(&a.range.end))
        });
        let mut keep = first;
        let mut end = 0;
        for i in first..out.len() {
            if out[i].range.start >= end || keep == first {
                end = out[i].range.end;
                out.swap(keep, i);
                keep += 1;
            }
        }
        out.truncate(keep);
    }

    /// Every whole-word match in `hay`, overlapping ones included, sorted by start.
    pub fn find_overlapping(&self, hay: &str) -> Vec<PhraseMatch> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut out: Vec<PhraseMatch> = ac
            .find_overlapping_iter(hay)
            .filter_map(|m| {
                let r = m.start()..m.end();
                let meta = &self.meta[m.pattern().as_usize()];
                let exact_ok = meta.exact.as_ref().is_none_or(|e| hay[r.clone()] == **e);
                (exact_ok && whole_word(hay, &r)).then(|| PhraseMatch {
                    tag: meta.tag,
                    phrase: m.pattern().as_usize(),
                    range: r,
                })
            })
            .collect();
        out.sort_by_key(|m| (m.range.start, m.range.end));
        out
    }

    /// Whether any phrase occurs in `hay` as a whole word.
    pub fn is_match(&self, hay: &str) -> bool {
        !self.find_all(hay).is_empty()
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `r` starts and ends at word boundaries of `hay` (only checked where the
/// match itself begins or ends with a word character).
pub(crate) fn whole_word(hay: &str, r: &Range<usize>) -> bool {
    let m = &hay[r.clone()];
    let starts_word = m.chars().next().is_some_and(is_word);
    let ends_word = m.chars().next_back().is_some_and(is_word);
    if starts_word && hay[..r.start].chars().next_back().is_some_and(is_word) {
        return false;
    }
    if ends_word && hay[r.end..].chars().next().is_some_and(is_word) {
        return false;
    }
    true
}

/// Normalises a phrase the way prose is normalised: curly quotes straight, dashes `-`,
/// white space runs one space, trimmed.
pub fn normalise_phrase(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut space = true;
    for c in p.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{201B}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2012}' | '\u{2011}' | '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_longest_first_and_case() {
        let mut b = PhraseSet::builder();
        b.add("stage 0", 1, false)
            .add("LGO", 2, true)
            .add("informal complaint", 3, false)
            .add("informal", 4, false);
        let set = b.build();
        let hay = "This was a Stage 0 informal complaint, not lgo or LGO. stage 01 is not";
        let got: Vec<(u32, &str)> = set
            .find_all(hay)
            .iter()
            .map(|m| (m.tag, &hay[m.range.clone()]))
            .collect();
        assert_eq!(
            got,
            vec![(1, "Stage 0"), (3, "informal complaint"), (2, "LGO")]
        );
    }

    #[test]
    fn normalises_phrases_like_prose() {
        assert_eq!(
            normalise_phrase("  sorry  if you’re\n upset – "),
            "sorry if you're upset -"
        );
    }
}

#[cfg(test)]
mod overlap_tests {
    use super::*;

    #[test]
    fn overlapping_finds_nested_phrases() {
        let mut b = PhraseSet::builder();
        b.add("council", 0, false)
            .add("borough council", 1, false)
            .add("highways", 2, false);
        let set = b.build();
        let hay = "CASTLEFORD BOROUGH COUNCIL Highways";
        let got: Vec<&str> = set
            .find_overlapping(hay)
            .iter()
            .map(|m| &hay[m.range.clone()])
            .collect();
        assert_eq!(got, vec!["BOROUGH COUNCIL", "COUNCIL", "Highways"]);
    }
}
