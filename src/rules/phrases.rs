//! A set of literal phrases matched in one aho-corasick pass, as whole words,
//! ASCII-case-insensitively unless a phrase asks for exact case.
//!
//! Sets built inside [`with_lexicon`] (as [`crate::Linter::new`] builds all of its own)
//! share one automaton, the [`Lexicon`]: a letter's normalised text is scanned once
//! ([`Hits`], kept by the [`Document`]) and each set answers from those hits
//! ([`PhraseSet::find_in`]) instead of scanning the text again.

use crate::document::Document;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

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

    /// Compiles the set: into the lexicon being collected ([`with_lexicon`]), or into an
    /// automaton of its own.
    pub fn build(self) -> PhraseSet {
        if self.patterns.is_empty() {
            return PhraseSet {
                meta: self.meta,
                ..PhraseSet::default()
            };
        }
        let lex = COLLECTING.with(|c| {
            c.borrow_mut().as_mut().map(|b| {
                let mut ids: Vec<(u32, u32)> = self
                    .patterns
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (b.add(p), i as u32))
                    .collect();
                ids.sort_unstable();
                LexRef {
                    lexicon: b.handle.clone(),
                    ids,
                }
            })
        });
        let ac = lex.is_none().then(|| automaton(&self.patterns));
        PhraseSet {
            ac,
            lex,
            meta: self.meta,
            patterns: self.patterns,
        }
    }
}

/// A phrase automaton (the lexicon's, or a set's own): its phrases in ASCII lower case,
/// matched exactly, for searching text in ASCII lower case. It finds what an
/// ASCII-case-insensitive automaton would find in the text as written, at the same
/// offsets, and builds in a third of the time (an insensitive automaton has two edges
/// for every letter).
fn automaton(patterns: &[String]) -> AhoCorasick {
    let lower: Vec<String> = patterns.iter().map(|p| p.to_ascii_lowercase()).collect();
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(&lower)
        .expect("literal phrase sets always compile")
}

/// The phrases of every set built in one [`with_lexicon`], in one automaton (each
/// distinct phrase once, compared ASCII-case-insensitively).
#[derive(Debug)]
pub struct Lexicon {
    ac: AhoCorasick,
    /// Unique in the process: which lexicon found a letter's [`Hits`].
    id: u64,
    /// Per automaton pattern: whether it is a phrase (found as [`Hit`]s), and its
    /// gate literal number ([`LiteralGate`]) or `u32::MAX`.
    kinds: Vec<(bool, u32)>,
    /// How many gate literals there are (they are numbered from 0).
    literal_count: u32,
}

impl Lexicon {
    /// Every phrase in `doc.norm` (overlapping ones included), sorted by start then
    /// end, with whether each ends on a word boundary of `doc.norm` at either side; and
    /// where each gate literal occurs.
    fn scan(&self, doc: &Document) -> Hits {
        let norm = doc.norm.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        let mut literals: Vec<LiteralHit> = Vec::new();
        for m in self.ac.find_overlapping_iter(doc.lower()) {
            let lex = m.pattern().as_u32();
            let (phrase, literal) = self.kinds[lex as usize];
            if literal != u32::MAX {
                literals.push(LiteralHit {
                    literal,
                    start: m.start() as u32,
                    end: m.end() as u32,
                });
            }
            if phrase {
                let (left, right) = word_edges(norm, &(m.start()..m.end()));
                hits.push(Hit {
                    start: m.start() as u32,
                    end: m.end() as u32,
                    lex,
                    left,
                    right,
                });
            }
        }
        hits.sort_unstable_by_key(|h| (h.start, h.end, h.lex));
        literals.sort_unstable_by_key(|h| (h.literal, h.start, h.end));
        // where each literal's occurrences begin in `literals` (a counting pass)
        let mut first = vec![0u32; self.literal_count as usize + 1];
        for h in &literals {
            first[h.literal as usize + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        Hits {
            lexicon: self.id,
            hits,
            literals,
            first,
        }
    }
}

/// One lexicon phrase found in a letter.
#[derive(Debug, Clone, Copy)]
struct Hit {
    start: u32,
    end: u32,
    lex: u32,
    /// No word character runs into the phrase from the left / right.
    left: bool,
    right: bool,
}

/// The lexicon's phrases in a letter's normalised text, found once per letter.
#[derive(Debug)]
pub struct Hits {
    /// The id of the lexicon that found them.
    lexicon: u64,
    hits: Vec<Hit>,
    /// Where the gate literals occur, sorted by literal then start.
    literals: Vec<LiteralHit>,
    /// Where literal `n`'s occurrences begin in `literals` (`first[n]..first[n + 1]`).
    first: Vec<u32>,
}

/// One gate literal found in a letter (in any ASCII case, not necessarily a whole word).
#[derive(Debug, Clone, Copy)]
struct LiteralHit {
    /// Which gate literal (its number).
    literal: u32,
    start: u32,
    end: u32,
}

#[derive(Debug, Default)]
struct LexiconBuilder {
    patterns: Vec<String>,
    index: HashMap<String, u32>,
    kinds: Vec<(bool, u32)>,
    literals: u32,
    handle: Arc<OnceLock<Lexicon>>,
}

impl LexiconBuilder {
    /// The automaton pattern of `text` (ASCII lower case), added when new.
    fn pattern(&mut self, text: &str) -> u32 {
        let key = text.to_ascii_lowercase();
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.patterns.len() as u32;
        self.patterns.push(key.clone());
        self.kinds.push((false, u32::MAX));
        self.index.insert(key, i);
        i
    }

    /// Adds a phrase: its id in the lexicon.
    fn add(&mut self, phrase: &str) -> u32 {
        let i = self.pattern(phrase);
        self.kinds[i as usize].0 = true;
        i
    }

    /// Adds a gate literal: its number.
    fn add_literal(&mut self, literal: &str) -> u32 {
        let i = self.pattern(literal) as usize;
        if self.kinds[i].1 == u32::MAX {
            self.kinds[i].1 = self.literals;
            self.literals += 1;
        }
        self.kinds[i].1
    }
}

thread_local! {
    static COLLECTING: RefCell<Option<LexiconBuilder>> = const { RefCell::new(None) };
}

/// Runs `f`, and compiles every phrase set it builds into one shared [`Lexicon`].
pub fn with_lexicon<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(Option<LexiconBuilder>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            COLLECTING.with(|c| *c.borrow_mut() = prev);
        }
    }
    let prev = COLLECTING.with(|c| c.replace(Some(LexiconBuilder::default())));
    let restore = Restore(prev);
    let out = f();
    let built = COLLECTING.with(|c| c.borrow_mut().take());
    drop(restore);
    if let Some(b) = built {
        if !b.patterns.is_empty() {
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let _ = b.handle.set(Lexicon {
                ac: automaton(&b.patterns),
                id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
                kinds: b.kinds,
                literal_count: b.literals,
            });
        }
    }
    out
}

/// A set's phrases in the lexicon: (lexicon id, index in the set), sorted.
#[derive(Debug, Clone)]
struct LexRef {
    lexicon: Arc<OnceLock<Lexicon>>,
    ids: Vec<(u32, u32)>,
}

/// Literals that every match of a regular expression contains (one of each clause, in
/// any ASCII case), registered in the lexicon being collected: a letter whose scan found
/// none of a clause's literals cannot match, and the expression is not run on it.
#[derive(Debug, Clone)]
pub struct LiteralGate {
    lexicon: Arc<OnceLock<Lexicon>>,
    /// Per clause, the numbers of its literals.
    clauses: Vec<Vec<u32>>,
}

impl LiteralGate {
    /// A gate for `clauses` in the lexicon being collected ([`with_lexicon`]); `None`
    /// outside one, or with no clause.
    pub fn new(clauses: &[Vec<String>]) -> Option<LiteralGate> {
        if clauses.is_empty() || clauses.iter().any(Vec::is_empty) {
            return None;
        }
        COLLECTING.with(|c| {
            c.borrow_mut().as_mut().map(|b| LiteralGate {
                lexicon: b.handle.clone(),
                clauses: clauses
                    .iter()
                    .map(|cl| cl.iter().map(|l| b.add_literal(l)).collect())
                    .collect(),
            })
        })
    }

    /// Whether `doc` may hold a match: false only when the lexicon's scan of the letter
    /// found none of some clause's literals.
    pub fn may_match(&self, doc: &Document) -> bool {
        let Some(hits) = self.hits(doc) else {
            return true;
        };
        self.clauses
            .iter()
            .all(|cl| cl.iter().any(|&b| !Self::occurrences(hits, b).is_empty()))
    }

    /// The letter's hits, when this gate's lexicon found them.
    fn hits<'d>(&self, doc: &'d Document) -> Option<&'d Hits> {
        let lexicon = self.lexicon.get()?;
        let hits = doc.phrase_hits(|| lexicon.scan(doc));
        (hits.lexicon == lexicon.id).then_some(hits)
    }

    /// The occurrences of gate literal number `n` in the letter.
    fn occurrences(hits: &Hits, n: u32) -> &[LiteralHit] {
        let n = n as usize;
        match (hits.first.get(n), hits.first.get(n + 1)) {
            (Some(&from), Some(&to)) => &hits.literals[from as usize..to as usize],
            _ => &[],
        }
    }

    /// Where in `doc.norm` the literals of the clause that occurs least in the letter
    /// are, sorted by start: every match contains one of them. `None` when this gate's
    /// lexicon did not scan the letter.
    pub fn anchors(&self, doc: &Document) -> Option<Vec<Range<usize>>> {
        let hits = self.hits(doc)?;
        let count =
            |cl: &Vec<u32>| -> usize { cl.iter().map(|&b| Self::occurrences(hits, b).len()).sum() };
        let rarest = self.clauses.iter().min_by_key(|cl| count(cl))?;
        let mut out: Vec<Range<usize>> = rarest
            .iter()
            .flat_map(|&b| Self::occurrences(hits, b))
            .map(|h| h.start as usize..h.end as usize)
            .collect();
        out.sort_unstable_by_key(|r| (r.start, r.end));
        Some(out)
    }

    /// Whether each clause has a literal wholly within `range` of `doc.norm` (true
    /// when this gate's lexicon did not scan the letter).
    pub fn all_within(&self, doc: &Document, range: &Range<usize>) -> bool {
        let Some(hits) = self.hits(doc) else {
            return true;
        };
        self.clauses.iter().all(|cl| {
            cl.iter().any(|&b| {
                let occ = Self::occurrences(hits, b);
                let i = occ.partition_point(|h| (h.start as usize) < range.start);
                occ[i..]
                    .iter()
                    .take_while(|h| (h.start as usize) < range.end)
                    .any(|h| (h.end as usize) <= range.end)
            })
        })
    }
}

/// A compiled set of phrases.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    ac: Option<AhoCorasick>,
    lex: Option<LexRef>,
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

    /// Calls `f(phrase, start, end)` for every occurrence of a phrase in `hay`,
    /// overlapping ones included, before the whole-word and exact-case tests.
    fn raw(&self, hay: &str, mut f: impl FnMut(usize, usize, usize)) {
        // the automata match text in ASCII lower case
        let lower: std::borrow::Cow<str> = if hay.bytes().any(|b| b.is_ascii_uppercase()) {
            hay.to_ascii_lowercase().into()
        } else {
            hay.into()
        };
        if let Some(ac) = &self.ac {
            for m in ac.find_overlapping_iter(lower.as_ref()) {
                f(m.pattern().as_usize(), m.start(), m.end());
            }
        } else if let Some(lex) = &self.lex {
            let Some(lexicon) = lex.lexicon.get() else {
                // built inside `with_lexicon` and searched before it returned: the shared
                // automaton does not exist yet, so nothing could be found
                debug_assert!(
                    false,
                    "a phrase set was searched before its lexicon was built"
                );
                return;
            };
            for m in lexicon.ac.find_overlapping_iter(lower.as_ref()) {
                for p in lex.locals(m.pattern().as_u32()) {
                    f(p, m.start(), m.end());
                }
            }
        }
    }

    /// Whether phrase `p` may stand at `r` of `hay` (its exact case, when it asks for one).
    fn case_ok(&self, p: usize, hay: &str, r: &Range<usize>) -> bool {
        self.meta[p]
            .exact
            .as_ref()
            .is_none_or(|e| hay[r.clone()] == **e)
    }

    fn found(&self, p: usize, r: Range<usize>) -> PhraseMatch {
        PhraseMatch {
            tag: self.meta[p].tag,
            phrase: p,
            range: r,
        }
    }

    /// Appends the matches in `hay` (offset by `base`) to `out`.
    pub fn find_into(&self, hay: &str, base: usize, out: &mut Vec<PhraseMatch>) {
        let first = out.len();
        self.raw(hay, |p, s, e| {
            let r = s..e;
            if self.case_ok(p, hay, &r) && whole_word(hay, &r) {
                out.push(self.found(p, base + s..base + e));
            }
        });
        leftmost_longest(out, first);
    }

    /// Every whole-word match in `hay`, overlapping ones included, sorted by start.
    pub fn find_overlapping(&self, hay: &str) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        self.raw(hay, |p, s, e| {
            let r = s..e;
            if self.case_ok(p, hay, &r) && whole_word(hay, &r) {
                out.push(self.found(p, r));
            }
        });
        out.sort_by_key(|m| (m.range.start, m.range.end, m.phrase));
        out
    }

    /// The letter's hits within `range` of its normalised text, when this set belongs to
    /// the lexicon that found them; each as a phrase of this set with its range. A hit
    /// that starts or ends at an edge of `range` is whole there, as in a slice.
    fn hits_in(
        &self,
        doc: &Document,
        range: &Range<usize>,
        mut f: impl FnMut(usize, Range<usize>),
    ) -> bool {
        let Some(lex) = &self.lex else { return false };
        let Some(lexicon) = lex.lexicon.get() else {
            return false;
        };
        let hits = doc.phrase_hits(|| lexicon.scan(doc));
        if hits.lexicon != lexicon.id {
            return false;
        }
        let i = hits
            .hits
            .partition_point(|h| (h.start as usize) < range.start);
        for h in &hits.hits[i..] {
            let (s, e) = (h.start as usize, h.end as usize);
            if s >= range.end {
                break;
            }
            if e > range.end || !(h.left || s == range.start) || !(h.right || e == range.end) {
                continue;
            }
            for p in lex.locals(h.lex) {
                if self.case_ok(p, &doc.norm, &(s..e)) {
                    f(p, s..e);
                }
            }
        }
        true
    }

    /// [`PhraseSet::find_into`] over `doc.norm[range]` (ranges in `doc.norm`), answered
    /// from the letter's hits when the set belongs to the linter's lexicon.
    pub fn find_in(&self, doc: &Document, range: Range<usize>, out: &mut Vec<PhraseMatch>) {
        let first = out.len();
        if self.hits_in(doc, &range, |p, r| out.push(self.found(p, r))) {
            leftmost_longest(out, first);
        } else {
            self.find_into(&doc.norm[range.clone()], range.start, out);
        }
    }

    /// Every whole-word match in `doc.norm[range]`, leftmost-longest, never overlapping
    /// (ranges in `doc.norm`).
    pub fn find_all_in(&self, doc: &Document, range: Range<usize>) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        self.find_in(doc, range, &mut out);
        out
    }

    /// [`PhraseSet::find_overlapping`] over `doc.norm[range]`, ranges in `doc.norm`.
    pub fn find_overlapping_in(&self, doc: &Document, range: Range<usize>) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        if !self.hits_in(doc, &range, |p, r| out.push(self.found(p, r))) {
            out = self.find_overlapping(&doc.norm[range.clone()]);
            for m in &mut out {
                m.range = m.range.start + range.start..m.range.end + range.start;
            }
            return out;
        }
        out.sort_by_key(|m| (m.range.start, m.range.end, m.phrase));
        out
    }

    /// Whether any phrase occurs in `doc.norm[range]` as a whole word.
    pub fn is_match_in(&self, doc: &Document, range: Range<usize>) -> bool {
        let mut any = false;
        if self.hits_in(doc, &range, |_, _| any = true) {
            return any;
        }
        self.is_match(&doc.norm[range])
    }

    /// Whether any phrase occurs in `hay` as a whole word.
    pub fn is_match(&self, hay: &str) -> bool {
        !self.find_all(hay).is_empty()
    }
}

impl LexRef {
    /// The set's phrases that are lexicon phrase `lex`.
    fn locals(&self, lex: u32) -> impl Iterator<Item = usize> + '_ {
        let i = self.ids.partition_point(|&(l, _)| l < lex);
        self.ids[i..]
            .iter()
            .take_while(move |&&(l, _)| l == lex)
            .map(|&(_, p)| p as usize)
    }
}

/// Keeps, of `out[first..]`, the leftmost-longest matches that do not overlap (ties
/// between phrases of the same range: the one listed first).
fn leftmost_longest(out: &mut Vec<PhraseMatch>, first: usize) {
    out[first..].sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
            .then(a.phrase.cmp(&b.phrase))
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

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `r` starts and ends at word boundaries of `hay` (only checked where the
/// match itself begins or ends with a word character).
pub(crate) fn whole_word(hay: &str, r: &Range<usize>) -> bool {
    let (left, right) = word_edges(hay, r);
    left && right
}

/// Whether no word character runs into `r` of `hay` from the left, and from the right.
fn word_edges(hay: &str, r: &Range<usize>) -> (bool, bool) {
    let m = &hay[r.clone()];
    let left = !(m.chars().next().is_some_and(is_word)
        && hay[..r.start].chars().next_back().is_some_and(is_word));
    let right = !(m.chars().next_back().is_some_and(is_word)
        && hay[r.end..].chars().next().is_some_and(is_word));
    (left, right)
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

#[cfg(test)]
mod lexicon_tests {
    use super::*;
    use crate::document::{Format, MaskPatterns};
    use proptest::prelude::*;

    const PHRASES: [(&str, bool); 8] = [
        ("council", false),
        ("borough council", false),
        ("LGO", true),
        ("sorry", false),
        ("sorry if", false),
        ("if you", false),
        ("stage 0", false),
        ("co", false),
    ];

    fn build() -> PhraseSet {
        let mut b = PhraseSet::builder();
        for (i, (p, exact)) in PHRASES.iter().enumerate() {
            b.add(p, i as u32, *exact);
        }
        b.build()
    }

    /// A letter whose hits one lexicon found is still answered right by a set of
    /// another (a second linter): it scans the text itself.
    #[test]
    fn a_set_of_another_lexicon_does_not_read_the_hits() {
        let first = with_lexicon(build);
        let second = with_lexicon(|| {
            let mut b = PhraseSet::builder();
            b.add("complaint", 0, false).add("sorry", 1, false);
            b.build()
        });
        let masks = MaskPatterns::new(&[], &[], &[]).unwrap();
        let doc = Document::parse("We are sorry about your complaint.", Format::Text, &masks);
        let all = 0..doc.norm.len();
        assert_eq!(first.find_all_in(&doc, all.clone()).len(), 1);
        let got: Vec<&str> = second
            .find_all_in(&doc, all)
            .iter()
            .map(|m| &doc.norm[m.range.clone()])
            .collect();
        assert_eq!(got, ["sorry", "complaint"]);
    }

    /// Searching a set before its lexicon exists (inside `with_lexicon`) would silently
    /// find nothing: debug builds stop there.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "searched before its lexicon was built")]
    fn a_set_searched_before_its_lexicon_is_built_stops_debug_builds() {
        with_lexicon(|| build().find_all("The borough council is sorry."));
    }

    proptest! {
        /// A set in a lexicon answers from the letter's hits exactly as a set with its
        /// own automaton answers over the slice, for any range (even one that cuts a word).
        #[test]
        fn hits_answer_as_a_scan_of_the_slice(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "council", "Borough", "borough", "Council", "LGO", "lgo", "sorry", "if", "you",
                "Sorry", "stage", "0", "01", "co", "cost", "x", ".", ",", "\n\n", "xco", "xcouncil",
                "councilx", "sorryif",
            ]), 0..40),
            cut in (0usize..400, 0usize..400),
        ) {
            let text = words.join(" ");
            let own = build();
            let mut shared = None;
            let other = with_lexicon(|| {
                shared = Some(build());
                // another set in the same lexicon shares its phrases
                let mut other = PhraseSet::builder();
                other.add("Council", 9, false).add("you", 10, false);
                other.build()
            });
            let shared = shared.unwrap();
            prop_assert!(shared.ac.is_none());
            let lexicon = shared.lex.as_ref().and_then(|l| l.lexicon.get()).unwrap();
            // each distinct phrase once ("Council" is "council")
            prop_assert_eq!(lexicon.ac.patterns_len(), PHRASES.len() + 1);
            prop_assert!(std::ptr::eq(lexicon, other.lex.as_ref().and_then(|l| l.lexicon.get()).unwrap()));
            let masks = MaskPatterns::new(&[], &[], &[]).unwrap();
            let doc = Document::parse(&text, Format::Text, &masks);
            let n = doc.norm.len();
            let (mut a, mut b) = (cut.0.min(n), cut.1.min(n));
            if a > b { std::mem::swap(&mut a, &mut b); }
            while !doc.norm.is_char_boundary(a) { a -= 1; }
            while !doc.norm.is_char_boundary(b) { b += 1; }
            for range in [0..n, a..b] {
                let slice = &doc.norm[range.clone()];
                let shift = |v: Vec<PhraseMatch>| -> Vec<PhraseMatch> {
                    v.into_iter().map(|m| PhraseMatch { range: m.range.start + range.start..m.range.end + range.start, ..m }).collect()
                };
                prop_assert_eq!(shared.find_all_in(&doc, range.clone()), shift(own.find_all(slice)));
                prop_assert_eq!(shared.find_overlapping_in(&doc, range.clone()), shift(own.find_overlapping(slice)));
                prop_assert_eq!(shared.is_match_in(&doc, range.clone()), own.is_match(slice));
                // and over any other text, through the lexicon's automaton
                prop_assert_eq!(shared.find_all(slice), own.find_all(slice));
                prop_assert_eq!(shared.find_overlapping(slice), own.find_overlapping(slice));
            }
        }
    }
}
