//! Parsing a case-insensitive pattern straight into lower case.
//!
//! Under `(?i)` the parser turns every letter into a class of its case variants ("s"
//! into `[Ssſ]`), which [`super::fold`] then takes apart again: for a pattern of many
//! words that is most of its compile time. Here the letters are lower-cased in the
//! syntax tree first, in `(?-i:…)` groups, so they reach the parser's second stage as
//! plain literals. Everything else (classes, letters with variants beyond ASCII, such
//! as "s" and "k") stays case-insensitive and is folded as before.
//!
//! The result matches what the long way's folded tree matches, for the patterns it
//! takes: every literal and class must be case-insensitive and in Unicode mode, or
//! `None` is returned and the pattern goes the long way ([`super::parse`], then
//! [`super::fold`]). The two trees may differ in shape: the parser lifts a common prefix
//! out of an alternation of literals (" if| that" becomes " (?:if|that)"), not out of
//! one of case classes. The unit tests compare the two ways on every pattern of the
//! built-in pack and on generated ones: the same gate literals, and the same matches
//! and groups over the labelled letters.

use regex_syntax::ast::{
    self, parse::Parser, Ast, Flag, FlagsItem, FlagsItemKind, GroupKind, Position, Span,
};
use regex_syntax::hir::{translate::Translator, Hir};

/// `pattern` (already through [`super::ascii_boundaries`]) parsed with its ASCII letters
/// lower-cased, and folded; `None` when this way does not apply (see the module
/// documentation) or the pattern does not parse.
pub(super) fn parse_folded(pattern: &str) -> Option<Hir> {
    // a pattern that never turns case-insensitivity on has nothing to lower
    if !pattern.contains("(?i") {
        return None;
    }
    let mut tree = Parser::new().parse(pattern).ok()?;
    let mut scope = Scope {
        ci: false,
        unicode: true,
    };
    lower(&mut tree, &mut scope)?;
    let hir = Translator::new().translate(pattern, &tree).ok()?;
    super::fold_with(&hir, true)
}

/// The flags in force at a point of the pattern, as the parser tracks them.
#[derive(Debug, Clone, Copy)]
struct Scope {
    ci: bool,
    unicode: bool,
}

impl Scope {
    fn set(&mut self, flags: &ast::Flags) {
        let mut on = true;
        for item in &flags.items {
            match item.kind {
                FlagsItemKind::Negation => on = false,
                FlagsItemKind::Flag(Flag::CaseInsensitive) => self.ci = on,
                FlagsItemKind::Flag(Flag::Unicode) => self.unicode = on,
                FlagsItemKind::Flag(_) => {}
            }
        }
    }

    /// Whether a literal or class here is taken by this way at all.
    fn folds(self) -> bool {
        self.ci && self.unicode
    }
}

/// A literal's ASCII lower case, when it can be matched as that in lower-cased text:
/// ASCII, and not "s" or "k" (whose case variants include "ſ" and the Kelvin sign).
fn lowered(c: char) -> Option<char> {
    let l = c.to_ascii_lowercase();
    (c.is_ascii() && l != 's' && l != 'k').then_some(l)
}

/// Rewrites `tree` in place; `None` if it holds a literal or class this way does not
/// take. Flags set inside a group last to its end, across alternatives, as in the parser.
fn lower(tree: &mut Ast, scope: &mut Scope) -> Option<()> {
    match tree {
        Ast::Flags(f) => scope.set(&f.flags),
        Ast::Literal(l) => {
            if !scope.folds() {
                return None;
            }
            if let Some(c) = lowered(l.c) {
                let lit = ast::Literal { c, ..(**l).clone() };
                *tree = group(vec![Ast::literal(lit)]);
            }
        }
        Ast::ClassUnicode(_) | Ast::ClassPerl(_) | Ast::ClassBracketed(_) => {
            if !scope.folds() {
                return None;
            }
        }
        Ast::Empty(_) | Ast::Dot(_) | Ast::Assertion(_) => {}
        Ast::Repetition(r) => lower(&mut r.ast, scope)?,
        Ast::Group(g) => {
            let outer = *scope;
            if let GroupKind::NonCapturing(f) = &g.kind {
                scope.set(f);
            }
            lower(&mut g.ast, scope)?;
            *scope = outer;
        }
        Ast::Alternation(a) => {
            for x in &mut a.asts {
                lower(x, scope)?;
            }
        }
        Ast::Concat(c) => {
            let mut out = Vec::with_capacity(c.asts.len());
            let mut run = Vec::new();
            for mut x in std::mem::take(&mut c.asts) {
                if let Ast::Literal(l) = &x {
                    if !scope.folds() {
                        return None;
                    }
                    if let Some(ch) = lowered(l.c) {
                        run.push(Ast::literal(ast::Literal {
                            c: ch,
                            ..(**l).clone()
                        }));
                        continue;
                    }
                }
                if !run.is_empty() {
                    out.push(group(std::mem::take(&mut run)));
                }
                lower(&mut x, scope)?;
                out.push(x);
            }
            if !run.is_empty() {
                out.push(group(run));
            }
            c.asts = out;
        }
    }
    Some(())
}

/// `(?-i:…)` around a run of lower-cased literals.
fn group(mut run: Vec<Ast>) -> Ast {
    let span = match (run.first(), run.last()) {
        (Some(a), Some(b)) => Span::new(a.span().start, b.span().end),
        _ => Span::splat(Position::new(0, 1, 1)),
    };
    let inner = if run.len() == 1 {
        run.pop().unwrap_or_else(|| Ast::empty(span))
    } else {
        Ast::concat(ast::Concat { span, asts: run })
    };
    let item = |kind| FlagsItem { span, kind };
    Ast::group(ast::Group {
        span,
        kind: GroupKind::NonCapturing(ast::Flags {
            span,
            items: vec![
                item(FlagsItemKind::Negation),
                item(FlagsItemKind::Flag(Flag::CaseInsensitive)),
            ],
        }),
        ast: Box::new(inner),
    })
}

#[cfg(test)]
mod tests {
    use super::super::{ascii_boundaries, fold, parse, required};
    use super::*;
    use proptest::prelude::*;

    /// Both ways, on `pattern`: the same folded tree and the same gate literals, or
    /// this way declines.
    fn same_both_ways(pattern: &str, texts: &[String]) -> Result<bool, String> {
        let slow = parse(pattern).map_err(|e| format!("{pattern}: {e}"))?;
        let Some(fast) = parse_folded(&ascii_boundaries(pattern)) else {
            return Ok(false);
        };
        let folded = fold(&slow).ok_or_else(|| format!("{pattern}: folded only this way"))?;
        if required(&fast) != required(&slow) {
            return Err(format!(
                "{pattern}: gate literals differ: {:?} != {:?}",
                required(&fast),
                required(&slow)
            ));
        }
        // The trees may differ in shape (the parser lifts a common prefix out of an
        // alternation of literals, not of classes): they must find the same.
        let build = |h: &Hir| super::super::build(pattern, h, super::super::config()).unwrap();
        let (a, b) = (build(&fast), build(&folded));
        for text in texts {
            let t = text.to_ascii_lowercase();
            let caps =
                |re: &regex_automata::meta::Regex| -> Vec<Vec<Option<std::ops::Range<usize>>>> {
                    re.captures_iter(&t)
                        .map(|c| {
                            (0..c.group_len())
                                .map(|i| c.get_group(i).map(|s| s.range()))
                                .collect()
                        })
                        .collect()
                };
            if caps(&a) != caps(&b) {
                return Err(format!("{pattern}: finds differently in {t:?}"));
            }
        }
        Ok(true)
    }

    /// The labelled letters, and a few lines with the letters whose case variants are
    /// not ASCII.
    fn texts() -> &'static [String] {
        static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        TEXTS.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/letters");
            let mut v: Vec<String> = std::fs::read_dir(dir)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
                .filter_map(|p| std::fs::read_to_string(p).ok())
                .collect();
            v.sort();
            v.push("We are ſorry if you feel \u{212A}. I \u{212A}now we apologiſe. É é".into());
            v.push("We're sorry if you think that, and we regret any upset caused.".into());
            v
        })
    }

    #[test]
    fn every_builtin_pattern_folds_the_same_both_ways() {
        let patterns = crate::checks::pattern::recorded(|| {
            crate::Linter::new(crate::Config::default()).unwrap();
        });
        assert!(patterns.len() >= 20, "{}", patterns.len());
        let mut taken = 0;
        for p in &patterns {
            taken += usize::from(same_both_ways(p, texts()).unwrap());
        }
        // the (?i) patterns of rules/*.toml and the blame check's generated one
        assert!(taken >= 18, "{taken} of {}", patterns.len());
    }

    #[test]
    fn what_this_way_declines() {
        for p in [
            r"\bOmbudsman\b",
            r"(?i)\bsorry(?-i) Ombudsman",
            r"(?i-u)\bsorry",
            r"(?i)(?:ok|(?-i:[Tt]o))",
            r"(?i)(?:a(?-i)|b)",
            r"\b[Tt]o\b",
        ] {
            assert_eq!(same_both_ways(p, texts()), Ok(false), "{p}");
        }
        for p in [
            r"(?i)\bsorry\b",
            r"(?i)k\w+",
            r"(?i)£\s?[0-9]+",
            r"(?i)(?P<who>we|i) (?P<verb>regret|apologi[sz]e)",
            r"(?i)(?:a|b)(?i:c)x",
            r"(?i)(?:a|[xy]|é|k)",
        ] {
            assert_eq!(same_both_ways(p, texts()), Ok(true), "{p}");
        }
    }

    /// Patterns built from pieces of real ones: literals in any case, classes, flags,
    /// groups, alternation and repetition.
    fn pattern() -> impl Strategy<Value = String> {
        let leaf = prop::sample::select(vec![
            "sorry",
            "We",
            "I",
            "apologi[sz]e",
            "k",
            "S",
            "É",
            "é",
            r"\w+",
            r"\s",
            "£",
            r"\d",
            "[Tt]o",
            "[^.]",
            r"\b",
            "(?-i)x",
            "(?i)",
            "(?-i)",
            ".",
            "ſ",
            r"\p{Lu}",
            "'",
            " ",
            "a",
            "x",
            "[xy]",
            "é",
            "K",
        ])
        .prop_map(String::from);
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.concat()),
                prop::collection::vec(inner.clone(), 1..4)
                    .prop_map(|v| format!("(?:{})", v.join("|"))),
                (
                    inner.clone(),
                    prop::sample::select(vec!["?", "*", "+", "{0,2}"])
                )
                    .prop_map(|(a, r)| format!("(?:{a}){r}")),
                inner.clone().prop_map(|a| format!("(?i:{a})")),
                inner.prop_map(|a| format!("({a})")),
            ]
        })
        .prop_map(|p| format!("(?i){p}"))
    }

    proptest! {
        #[test]
        fn generated_patterns_fold_the_same_both_ways(p in pattern()) {
            if parse(&p).is_ok() {
                // the two lines of cased letters and a few letters: fast enough for CI
                let all = texts();
                let few: Vec<String> = all[all.len() - 2..].iter().chain(&all[..4]).cloned().collect();
                let r = same_both_ways(&p, &few);
                prop_assert!(r.is_ok(), "{}", r.unwrap_err());
            }
        }
    }
}
