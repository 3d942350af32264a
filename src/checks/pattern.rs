//! Pack regular expressions compiled for searching whole letters ([`Pattern`]), and for
//! searching any text as written ([`TextPattern`]).
//!
//! Three devices, each exact (the matches are those of the pattern as written):
//!
//! - **Fold.** A pattern that ignores the case of every ASCII letter it mentions (`(?i)`,
//!   or classes such as `[Tt]`) is rewritten in lower case and searched in the letter's
//!   ASCII-lower-cased text ([`Document::lower`]), which has the same byte offsets. Every
//!   part of the pattern accepts a character exactly when it accepts its lower case, so
//!   the matches are the same, and the automaton is smaller.
//! - **Gate.** The literals every match must contain are read from the pattern (for
//!   `(?i)\b(?:I|we) (?:am|are) sorry if\b`: one of "orry"… and " if"…; see [`required`]).
//!   They join the linter's phrase lexicon, whose one scan of a letter marks which occur;
//!   a letter lacking every literal of some clause cannot match and is not searched.
//! - **Runs.** The characters any match can hold are read from the pattern too. When
//!   they leave out a [`SEPARATORS`] character (`.` or the line end), a match lies within
//!   one run of such characters (a clause, a line). Only the runs that hold a literal of
//!   every clause are searched, found from where the rarest clause's literals occur.
//!   Iterating run by run gives the matches iterating the whole text would: none crosses
//!   a run's edge, and look-arounds at an edge see the text beyond it.

use super::{ascii_boundaries, regex_crate};
use crate::document::Document;
use crate::rules::LiteralGate;
use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::{Input, MatchKind};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Literal};
use std::ops::Range;

mod lowered;

/// Literals shorter than this do not gate: they occur in nearly every letter.
const MIN_LITERAL: usize = 3;

/// Characters that split prose into runs (sentences, lines): a pattern whose matches
/// cannot hold one of them is searched run by run.
const SEPARATORS: &str = ".\n";

/// A compiled pack pattern; see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    re: Regex,
    /// `re` is the folded pattern: it is searched in lower-cased text.
    folded: bool,
    gate: Option<LiteralGate>,
    /// The characters a match can hold, when searching runs of them pays.
    alphabet: Option<Alphabet>,
}

/// A set of characters: ASCII as a bit mask, the rest as sorted ranges.
#[derive(Debug, Clone)]
struct Alphabet {
    ascii: u128,
    other: Vec<(char, char)>,
}

impl Alphabet {
    /// The characters the matches of `h` can hold; `None` when it may match the empty
    /// string, holds bytes that are not characters, or can hold all of [`SEPARATORS`].
    fn of(h: &Hir) -> Option<Alphabet> {
        fn walk(h: &Hir, ranges: &mut Vec<(char, char)>) -> Option<()> {
            match h.kind() {
                HirKind::Empty | HirKind::Look(_) => {}
                HirKind::Literal(Literal(b)) => {
                    ranges.extend(std::str::from_utf8(b).ok()?.chars().map(|c| (c, c)));
                }
                HirKind::Class(Class::Unicode(c)) => {
                    ranges.extend(c.ranges().iter().map(|r| (r.start(), r.end())));
                }
                HirKind::Class(Class::Bytes(_)) => return None,
                HirKind::Repetition(r) => walk(&r.sub, ranges)?,
                HirKind::Capture(c) => walk(&c.sub, ranges)?,
                HirKind::Concat(v) | HirKind::Alternation(v) => {
                    for x in v {
                        walk(x, ranges)?;
                    }
                }
            }
            Some(())
        }
        if h.properties().minimum_len().is_none_or(|n| n == 0) {
            return None;
        }
        let mut ranges = Vec::new();
        walk(h, &mut ranges)?;
        let mut a = Alphabet {
            ascii: 0,
            other: Vec::new(),
        };
        for (lo, hi) in ranges {
            for c in lo..=hi.min('\u{7F}') {
                a.ascii |= 1u128 << (c as u32);
            }
            if hi > '\u{7F}' {
                a.other.push((lo.max('\u{80}'), hi));
            }
        }
        a.other.sort_unstable();
        let mut merged: Vec<(char, char)> = Vec::with_capacity(a.other.len());
        for (lo, hi) in a.other.drain(..) {
            match merged.last_mut() {
                Some(last) if lo <= last.1 || char::from_u32(last.1 as u32 + 1) == Some(lo) => {
                    last.1 = last.1.max(hi);
                }
                _ => merged.push((lo, hi)),
            }
        }
        a.other = merged;
        SEPARATORS.chars().any(|c| !a.has(c)).then_some(a)
    }

    fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii & (1u128 << (c as u32)) != 0
        } else {
            let i = self.other.partition_point(|&(lo, _)| lo <= c);
            i > 0 && c <= self.other[i - 1].1
        }
    }

    /// The run of characters of the set around `at` (a range of `hay`), if `at` is
    /// wholly in one.
    fn run_around(&self, hay: &str, at: &Range<usize>) -> Option<Range<usize>> {
        let back: usize = hay[..at.start]
            .chars()
            .rev()
            .take_while(|&c| self.has(c))
            .map(char::len_utf8)
            .sum();
        let ahead: usize = hay[at.start..]
            .chars()
            .take_while(|&c| self.has(c))
            .map(char::len_utf8)
            .sum();
        (at.start + ahead >= at.end).then_some(at.start - back..at.start + ahead)
    }
}

/// What a pattern searches in a letter.
enum Search<'d> {
    Nothing,
    Whole(&'d str),
    /// Runs of `.0` (sorted, apart).
    Runs(&'d str, Vec<Range<usize>>),
}

/// The ranges of one match's groups, in the letter's normalised text.
pub(crate) struct CaptureRanges(Captures);

impl CaptureRanges {
    /// Group `i` (0: the whole match).
    pub(crate) fn get(&self, i: usize) -> Option<Range<usize>> {
        self.0.get_group(i).map(|s| s.range())
    }

    /// The group called `name`.
    pub(crate) fn name(&self, name: &str) -> Option<Range<usize>> {
        self.0.get_group_by_name(name).map(|s| s.range())
    }
}

/// The regex crate's configuration for a `Regex` with a size limit of 1 MiB, as
/// [`regex_crate`] makes, less the literal prefilters the engine would extract for
/// itself: the gate and the runs already narrow the search to where the required
/// literals are, and building those prefilters (with the reverse-suffix and
/// reverse-inner strategies that need them) was a fifth of [`Linter::new`].
///
/// [`Linter::new`]: crate::Linter::new
fn config() -> meta::Config {
    meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(1 << 20))
        .auto_prefilter(false)
}

impl Pattern {
    /// Compiles `pattern` as [`regex_crate`] does (same syntax, size limit and error
    /// messages), folded and gated where it can be, from one parse. The gate joins the
    /// lexicon being collected, if any.
    pub(crate) fn new(pattern: &str) -> Result<Pattern, String> {
        #[cfg(test)]
        RECORDED.with(|r| {
            if let Some(v) = r.borrow_mut().as_mut() {
                v.push(pattern.to_string());
            }
        });
        let bounded = ascii_boundaries(pattern);
        let (hir, folded, gate) = match lowered::parse_folded(&bounded) {
            Some(f) => {
                let gate = LiteralGate::new(&required(&f));
                (f, true, gate)
            }
            None => {
                let hir = parse_as(pattern, &bounded)?;
                let gate = LiteralGate::new(&required(&hir));
                match fold(&hir) {
                    Some(f) => (f, true, gate),
                    None => (hir, false, gate),
                }
            }
        };
        let re = build(pattern, &hir, config())?;
        Ok(Pattern {
            re,
            folded,
            alphabet: gate.as_ref().and_then(|_| Alphabet::of(&hir)),
            gate,
        })
    }

    /// The text of `doc` this pattern searches: its normalised text, or that in lower case.
    fn hay<'d>(&self, doc: &'d Document) -> Option<&'d str> {
        if self.gate.as_ref().is_some_and(|g| !g.may_match(doc)) {
            return None;
        }
        Some(if self.folded { doc.lower() } else { &doc.norm })
    }

    /// What to search in `doc`: nothing, the runs that may hold a match, or the whole text.
    fn search<'d>(&self, doc: &'d Document) -> Search<'d> {
        let Some(hay) = self.hay(doc) else {
            return Search::Nothing;
        };
        let (Some(alphabet), Some(gate)) = (&self.alphabet, &self.gate) else {
            return Search::Whole(hay);
        };
        let Some(anchors) = gate.anchors(doc) else {
            return Search::Whole(hay);
        };
        let mut runs: Vec<Range<usize>> = Vec::new();
        let mut seen = 0;
        for a in anchors {
            if a.start < seen {
                continue; // in the run already looked at
            }
            let Some(run) = alphabet.run_around(hay, &a) else {
                continue;
            };
            seen = run.end;
            if gate.all_within(doc, &run) {
                runs.push(run);
            }
        }
        Search::Runs(hay, runs)
    }

    /// Every match in `doc.norm` (leftmost-first, never overlapping), as ranges.
    pub(crate) fn find_iter(&self, doc: &Document) -> std::vec::IntoIter<Range<usize>> {
        let out: Vec<Range<usize>> = match self.search(doc) {
            Search::Nothing => Vec::new(),
            Search::Whole(hay) => self.re.find_iter(hay).map(|m| m.range()).collect(),
            // look-arounds (`\b`) at a run's edges see the text around it
            Search::Runs(hay, runs) => runs
                .into_iter()
                .flat_map(|run| self.re.find_iter(Input::new(hay).span(run)))
                .map(|m| m.range())
                .collect(),
        };
        out.into_iter()
    }

    /// Every match in `doc.norm` with its groups.
    pub(crate) fn captures_iter(&self, doc: &Document) -> std::vec::IntoIter<CaptureRanges> {
        let out: Vec<CaptureRanges> = match self.search(doc) {
            Search::Nothing => Vec::new(),
            Search::Whole(hay) => self.re.captures_iter(hay).map(CaptureRanges).collect(),
            Search::Runs(hay, runs) => runs
                .into_iter()
                .flat_map(|run| self.re.captures_iter(Input::new(hay).span(run)))
                .map(CaptureRanges)
                .collect(),
        };
        out.into_iter()
    }

    /// Whether the pattern matches somewhere in `hay`.
    pub(crate) fn is_match(&self, hay: &str) -> bool {
        Pattern::any_match(std::slice::from_ref(self), hay)
    }

    /// Whether any of `patterns` matches somewhere in `hay` (lower-cased at most once,
    /// for the folded ones).
    pub(crate) fn any_match(patterns: &[Pattern], hay: &str) -> bool {
        let mut lower: Option<String> = None;
        patterns.iter().any(|p| {
            if p.folded && hay.bytes().any(|b| b.is_ascii_uppercase()) {
                p.re.is_match(
                    lower
                        .get_or_insert_with(|| hay.to_ascii_lowercase())
                        .as_str(),
                )
            } else {
                p.re.is_match(hay)
            }
        })
    }
}

/// The regex crate's own error for `pattern`, which does not compile: `fallback` if it
/// has none.
fn error(pattern: &str, fallback: String) -> String {
    regex_crate(pattern)
        .err()
        .map_or(fallback, |e| e.to_string())
}

/// `pattern` parsed, with its `\b`s ASCII ([`ascii_boundaries`]).
fn parse(pattern: &str) -> Result<Hir, String> {
    parse_as(pattern, &ascii_boundaries(pattern))
}

/// `pattern` parsed from `bounded`, its [`ascii_boundaries`] form.
fn parse_as(pattern: &str, bounded: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(bounded)
        .map_err(|e| error(pattern, e.to_string()))
}

/// `hir`, parsed from `pattern`, compiled with `config`.
fn build(pattern: &str, hir: &Hir, config: meta::Config) -> Result<Regex, String> {
    meta::Builder::new()
        .configure(config)
        .build_from_hir(hir)
        .map_err(|e| error(pattern, e.to_string()))
}

/// A pack pattern compiled for searching any text as written: not folded, not gated.
/// It finds what the regex crate finds with [`regex_crate`].
#[derive(Debug, Clone)]
pub(crate) struct TextPattern(Regex);

impl TextPattern {
    /// Compiles `pattern` (the regex crate's syntax, size limit and error messages) for
    /// searching whole letters: with the literal prefilters the engine extracts, as the
    /// regex crate builds it.
    pub(crate) fn new(pattern: &str) -> Result<TextPattern, String> {
        let config = config().auto_prefilter(true);
        Ok(TextPattern(build(pattern, &parse(pattern)?, config)?))
    }

    /// Compiles `pattern` as [`TextPattern::new`] does, without prefilters, for
    /// searching passages (a sentence, a paragraph). There a prefilter saves little,
    /// and building one is most of the compile time of a `(?i)` pattern: every case
    /// variant of its words (0.42 ms against 0.06 ms for the Ombudsman's "six months
    /// of" pattern).
    pub(crate) fn for_passages(pattern: &str) -> Result<TextPattern, String> {
        Ok(TextPattern(build(pattern, &parse(pattern)?, config())?))
    }

    /// Every match in `hay` (leftmost-first, never overlapping).
    pub(crate) fn find_iter<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = Range<usize>> + 'h {
        self.0.find_iter(hay).map(|m| m.range())
    }

    /// The first match in `hay` starting at or after `at`; look-arounds see the text
    /// before `at`.
    pub(crate) fn find_at(&self, hay: &str, at: usize) -> Option<Range<usize>> {
        self.0.find(Input::new(hay).range(at..)).map(|m| m.range())
    }

    /// Every match in `hay` with its groups.
    pub(crate) fn captures_iter<'h>(
        &'h self,
        hay: &'h str,
    ) -> impl Iterator<Item = CaptureRanges> + 'h {
        self.0.captures_iter(hay).map(CaptureRanges)
    }

    /// Whether the pattern matches somewhere in `hay`.
    pub(crate) fn is_match(&self, hay: &str) -> bool {
        self.0.is_match(hay)
    }
}

/// `h` in lower case, for text with no ASCII capitals: `None` unless every part of `h`
/// accepts an ASCII letter exactly when it accepts the other case of it.
fn fold(h: &Hir) -> Option<Hir> {
    fold_with(h, false)
}

/// [`fold`]; with `lowered`, `h`'s literals are taken to be lower-cased already
/// ([`lowered::parse_folded`]): a literal or class with a small letter alone is kept,
/// one with a capital alone still fails.
fn fold_with(h: &Hir, lowered: bool) -> Option<Hir> {
    let fold = |h: &Hir| fold_with(h, lowered);
    Some(match h.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Look(l) => Hir::look(*l),
        HirKind::Literal(Literal(b)) => {
            let cased = |c: &u8| {
                if lowered {
                    c.is_ascii_uppercase()
                } else {
                    c.is_ascii_alphabetic()
                }
            };
            if b.iter().any(cased) {
                return None;
            }
            Hir::literal(b.clone())
        }
        HirKind::Class(Class::Unicode(c)) => {
            // the ASCII letters of the class, a bit per letter, capitals and small
            let letters = |from: char, to: char| -> u32 {
                c.ranges().iter().fold(0, |acc, r| {
                    let (lo, hi) = (r.start().max(from), r.end().min(to));
                    if lo > hi {
                        return acc;
                    }
                    let bits = |x: char| x as u32 - from as u32;
                    acc | (((1u64 << (bits(hi) + 1)) - (1u64 << bits(lo))) as u32)
                })
            };
            let capitals = letters('A', 'Z');
            let small = letters('a', 'z');
            // lowered, a class may also hold small letters alone: lowered literals the
            // parser merged into it ("a|b" gives [ab])
            if capitals != small && !(lowered && capitals & !small == 0) {
                return None;
            }
            if capitals == 0 {
                return Some(h.clone());
            }
            // the class without A-Z: each range cut around them
            let mut ranges = Vec::with_capacity(c.ranges().len() + 1);
            for r in c.ranges() {
                if r.start() < 'A' {
                    ranges.push(ClassUnicodeRange::new(r.start(), r.end().min('@')));
                }
                if r.end() > 'Z' {
                    ranges.push(ClassUnicodeRange::new(r.start().max('['), r.end()));
                }
            }
            Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
        }
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Repetition(r) => {
            let mut r = r.clone();
            r.sub = Box::new(fold(&r.sub)?);
            Hir::repetition(r)
        }
        HirKind::Capture(c) => {
            let mut c = c.clone();
            c.sub = Box::new(fold(&c.sub)?);
            Hir::capture(c)
        }
        HirKind::Concat(v) => Hir::concat(v.iter().map(fold).collect::<Option<_>>()?),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(fold).collect::<Option<_>>()?),
    })
}

#[cfg(test)]
thread_local! {
    static RECORDED: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// The patterns [`Pattern::new`] is given while `f` runs (on this thread).
#[cfg(test)]
pub(crate) fn recorded(f: impl FnOnce()) -> Vec<String> {
    RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
    f();
    RECORDED.with(|r| r.borrow_mut().take().unwrap_or_default())
}

/// The one string `h` matches, in ASCII lower case, when it matches one string up to
/// the case of its ASCII letters.
fn exact(h: &Hir) -> Option<String> {
    match h.kind() {
        HirKind::Literal(Literal(b)) => std::str::from_utf8(b).ok().map(str::to_ascii_lowercase),
        HirKind::Class(Class::Unicode(c)) => {
            let mut lower = None;
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    if !ch.is_ascii() || lower.is_some_and(|l| l != ch.to_ascii_lowercase()) {
                        return None;
                    }
                    lower = Some(ch.to_ascii_lowercase());
                }
            }
            lower.map(String::from)
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Concat(v) => v.iter().map(exact).collect(),
        HirKind::Look(_) | HirKind::Empty => Some(String::new()),
        _ => None,
    }
}

/// Clauses of literals (ASCII lower case, at least [`MIN_LITERAL`] bytes) such that every
/// match of `h` contains, in some ASCII case, one literal of each clause.
fn required(h: &Hir) -> Vec<Vec<String>> {
    if let Some(e) = exact(h) {
        return if e.len() >= MIN_LITERAL {
            vec![vec![e]]
        } else {
            vec![]
        };
    }
    match h.kind() {
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Concat(v) => {
            let mut out = Vec::new();
            let mut run = String::new();
            for c in v {
                if let Some(e) = exact(c) {
                    run.push_str(&e);
                    continue;
                }
                if run.len() >= MIN_LITERAL {
                    out.push(vec![std::mem::take(&mut run)]);
                }
                run.clear();
                out.extend(required(c));
            }
            if run.len() >= MIN_LITERAL {
                out.push(vec![run]);
            }
            out
        }
        HirKind::Alternation(v) => {
            // one clause: each branch gives its clause with the longest shortest literal
            let mut clause = Vec::new();
            for b in v {
                let best = required(b)
                    .into_iter()
                    .max_by_key(|cl| cl.iter().map(String::len).min().unwrap_or(0));
                match best {
                    Some(cl) => clause.extend(cl),
                    None => return vec![],
                }
            }
            clause.sort();
            clause.dedup();
            vec![clause]
        }
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, MaskPatterns};
    use proptest::prelude::*;

    fn hir(p: &str) -> Hir {
        regex_syntax::ParserBuilder::new()
            .build()
            .parse(&ascii_boundaries(p))
            .unwrap()
    }

    #[test]
    fn clauses_of_an_apology_pattern() {
        let h = hir(r"(?i)\b(?:I|we)(?: am| are)? (?:sorry|apologi[sz]e) if you (?:feel|felt)\b");
        let r = required(&h);
        // (?i) `s` also matches the long s (ſ), so "sorry" gives "orry"; the parser
        // factors "feel|felt" into "fe" and a class
        assert_eq!(r, [vec!["apologi", "orry"], vec![" if you fe"]]);
    }

    #[test]
    fn what_folds() {
        assert!(fold(&hir(r"(?i)\bsorry\b")).is_some());
        assert!(fold(&hir(r"(?i)\b[Tt]o\b")).is_some());
        // a lower-case letter of a case-sensitive pattern does not match its capital
        assert!(fold(&hir(r"\b[Tt]o\b")).is_none());
        assert!(fold(&hir(r"\bOmbudsman\b")).is_none());
        assert!(fold(&hir(r"\p{Lu}\w+")).is_none());
        assert!(fold(&hir(r"[^a-z]")).is_none());
        assert!(fold(&hir(r"£[0-9]+")).is_some());
    }

    /// Text made of pattern words in any case, and other words and marks.
    fn text() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "I",
            "we",
            "We",
            "WE",
            "am",
            "are",
            "sorry",
            "SORRY",
            "Sorry",
            "ſorry",
            "if",
            "you",
            "feel",
            "felt",
            "To",
            "to",
            "the",
            "Ombudsman",
            "ombudsman",
            "£",
            "20",
            "apologise",
            "Apologize",
            "regret",
            "ok",
            "Kelvin",
            "\u{212A}",
            ".",
            ",",
            "\n",
            "É",
            "é",
        ]);
        prop::collection::vec(
            (words, prop::sample::select(vec![" ", "", "  ", "-"])),
            0..40,
        )
        .prop_map(|v| v.into_iter().flat_map(|(w, s)| [w, s]).collect())
    }

    proptest! {
        /// Folded and gated, a pattern finds in a letter exactly what the regex crate
        /// finds with the pattern as written; so does a [`TextPattern`].
        #[test]
        fn matches_as_written(
            p in prop::sample::select(vec![
                r"(?i)\b(?:I|we)(?: am| are)? (?:sorry|apologi[sz]e)(?: if)? you (?:feel|felt)\b",
                r"(?i)\bsorry\b",
                r"(?i)\b(?:I|we)(?: \w+){0,2} sorry\b",
                r"\b(?:[Tt]o|[Aa]sk)\b[^.]{0,80}\bOmbudsman\b",
                r"(?i)£\s?[0-9]+",
                r"(?i)(?P<who>we|i) (?P<verb>regret|apologi[sz]e)",
                r"(?i)k\w+",
                r"(?i)\b(?:ok|sorry) you\b",
                r"\b\p{Lu}\w*",
            ]),
            t in text(),
        ) {
            let patterns = MaskPatterns::new(&[], &[], &[]).unwrap();
            let doc = Document::parse(&t, Format::Text, &patterns);
            let plain = regex_crate(p).unwrap();
            let want: Vec<Range<usize>> = plain.find_iter(&doc.norm).map(|m| m.range()).collect();
            let pat = crate::rules::with_lexicon(|| Pattern::new(p).unwrap());
            let got: Vec<Range<usize>> = pat.find_iter(&doc).collect();
            prop_assert_eq!(&got, &want, "{} in {:?}", p, doc.norm);
            let caps: Vec<Option<Range<usize>>> =
                pat.captures_iter(&doc).map(|c| c.name("verb").or(c.get(0))).collect();
            let want_caps: Vec<Option<Range<usize>>> = plain
                .captures_iter(&doc.norm)
                .map(|c| c.name("verb").or(c.get(0)).map(|m| m.range()))
                .collect();
            prop_assert_eq!(&caps, &want_caps);
            prop_assert_eq!(pat.is_match(&doc.norm), plain.is_match(&doc.norm));
            // as written, with and without prefilters
            for text in [TextPattern::new(p).unwrap(), TextPattern::for_passages(p).unwrap()] {
                let got: Vec<Range<usize>> = text.find_iter(&doc.norm).collect();
                prop_assert_eq!(&got, &want, "{} in {:?}", p, doc.norm);
                let caps: Vec<Option<Range<usize>>> = text
                    .captures_iter(&doc.norm)
                    .map(|c| c.name("verb").or(c.get(0)))
                    .collect();
                prop_assert_eq!(&caps, &want_caps);
                let at = doc.norm.len() / 2;
                let at = (at..=doc.norm.len()).find(|&i| doc.norm.is_char_boundary(i)).unwrap_or(0);
                prop_assert_eq!(
                    text.find_at(&doc.norm, at),
                    plain.find_at(&doc.norm, at).map(|m| m.range())
                );
                prop_assert_eq!(text.is_match(&doc.norm), plain.is_match(&doc.norm));
            }
        }
    }
}
