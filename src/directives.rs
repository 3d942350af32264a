//! Per-file directives and suppressions, written in a Markdown letter as HTML comments
//! (which never show when the letter is rendered):
//!
//! - `<!-- letterlint: kind=acknowledgement sector=housing -->` sets the letter's kind
//!   and sector, over the configuration and the command line;
//! - `<!-- letterlint-disable-next-line jargon -->` suppresses the listed rules (ids or
//!   groups, separated by spaces or commas; none means every rule) on the next line that
//!   is not blank;
//! - `<!-- letterlint-disable ombudsman -->` … `<!-- letterlint-enable ombudsman -->`
//!   suppresses them in between (to the end of the letter without an `enable`).
//!
//! A suppression that suppresses nothing, or names no rule, is reported as
//! `unused-suppression`; a directive that cannot be understood as `invalid-directive`.

use crate::facts::{Kind, Nation, Sector, Service};
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// What a suppression covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The first non-blank line after the comment (1-based).
    Line(usize),
    /// Source bytes from the end of the `disable` comment to the matching `enable` (or
    /// the end of the letter).
    Range(Range<usize>),
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The comment's bytes in the source.
    pub comment: Range<usize>,
    /// The rule ids or groups it names (empty: every rule).
    pub names: Vec<String>,
    /// Where it applies.
    pub scope: Scope,
}

/// A directive that could not be understood, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The comment's bytes in the source.
    pub comment: Range<usize>,
    /// What is wrong with it.
    pub reason: String,
}

/// Everything a letter says about how to lint it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directives {
    /// The kind the letter declares.
    pub kind: Option<Kind>,
    /// The sector the letter declares.
    pub sector: Option<Sector>,
    /// The nation the letter declares.
    pub nation: Option<Nation>,
    /// The service the letter declares.
    pub service: Option<Service>,
    /// Its suppressions, in source order.
    pub suppressions: Vec<Suppression>,
    /// Directives that could not be understood.
    pub invalid: Vec<Invalid>,
}

fn comment_pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"<!--[ \t]*letterlint(?P<verb>-disable-next-line|-disable|-enable|:|\b)(?P<args>(?s:.)*?)-->",
        )
        .expect("the directive pattern compiles")
    })
}

/// Reads the directives of a Markdown letter (`src`); text and Word letters have none.
///
/// ```
/// use letterlint::directives::{parse, Scope};
/// use letterlint::Kind;
/// let src = "<!-- letterlint: kind=acknowledgement -->\n\n<!-- letterlint-disable-next-line jargon -->\nGoing forward, we will call.\n";
/// let d = parse(src);
/// assert_eq!(d.kind, Some(Kind::Acknowledgement));
/// assert_eq!(d.suppressions[0].names, vec!["jargon".to_string()]);
/// assert_eq!(d.suppressions[0].scope, Scope::Line(4));
/// ```
pub fn parse(src: &str) -> Directives {
    let mut d = Directives::default();
    if !src.contains("letterlint") {
        return d;
    }
    let mut open: Vec<(usize, Range<usize>, Vec<String>)> = Vec::new();
    for c in comment_pattern().captures_iter(src) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let args = c.name("args").map_or("", |m| m.as_str());
        let names = || -> Vec<String> {
            args.split(|ch: char| ch.is_whitespace() || ch == ',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        match c.name("verb").map_or("", |m| m.as_str()) {
            ":" | "" => settings(&mut d, whole, args),
            "-disable-next-line" => {
                let line = next_nonblank_line(src, whole.end);
                d.suppressions.push(Suppression {
                    comment: whole,
                    names: names(),
                    scope: Scope::Line(line),
                });
            }
            "-disable" => {
                let i = d.suppressions.len();
                d.suppressions.push(Suppression {
                    comment: whole.clone(),
                    names: names(),
                    scope: Scope::Range(whole.end..src.len()),
                });
                open.push((i, whole, names()));
            }
            _ => {
                // `enable`: closes the latest open `disable` with the same names.
                let names = names();
                match open.iter().rposition(|(_, _, n)| *n == names) {
                    Some(k) => {
                        let (i, _, _) = open.remove(k);
                        if let Scope::Range(r) = &mut d.suppressions[i].scope {
                            r.end = whole.start;
                        }
                    }
                    None => d.invalid.push(Invalid {
                        comment: whole,
                        reason: if names.is_empty() {
                            "`letterlint-enable` with no `letterlint-disable` before it".to_string()
                        } else {
                            format!(
                                "`letterlint-enable {}` with no matching `letterlint-disable` before it",
                                names.join(" ")
                            )
                        },
                    }),
                }
            }
        }
    }
    d
}

/// Reads `kind=… sector=…` from a `letterlint:` comment.
fn settings(d: &mut Directives, comment: Range<usize>, args: &str) {
    let mut any = false;
    for pair in args.split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';') {
        if pair.is_empty() {
            continue;
        }
        any = true;
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        let problem = match key {
            "kind" => value.parse::<Kind>().map(|k| d.kind = Some(k)).err(),
            "sector" => value.parse::<Sector>().map(|s| d.sector = Some(s)).err(),
            "nation" => value.parse::<Nation>().map(|s| d.nation = Some(s)).err(),
            "service" => value.parse::<Service>().map(|s| d.service = Some(s)).err(),
            other => Some(format!(
                "unknown key `{other}` (expected kind, sector, nation or service)"
            )),
        };
        if let Some(reason) = problem {
            d.invalid.push(Invalid {
                comment: comment.clone(),
                reason,
            });
        }
    }
    if !any {
        d.invalid.push(Invalid {
            comment,
            reason: "a `letterlint:` directive with no settings (expected kind=…, sector=…, nation=… or service=…)"
                .to_string(),
        });
    }
}

/// The 1-based number of the first line after byte `from` with anything but white space.
fn next_nonblank_line(src: &str, from: usize) -> usize {
    let before = src[..from].bytes().filter(|&b| b == b'\n').count() + 1;
    let rest = &src[from..];
    // The comment's own line counts only if text follows it there.
    let mut line = before;
    for (i, l) in rest.split('\n').enumerate() {
        if i > 0 {
            line += 1;
        }
        if i == 0 {
            continue;
        }
        if !l.trim().is_empty() {
            return line;
        }
    }
    line + 1
}

impl Suppression {
    /// Whether this suppression covers a finding of rule `id` (in `group`) starting at
    /// byte `start`, on 1-based line `line`.
    pub fn covers(&self, id: &str, group: &str, start: usize, line: usize) -> bool {
        let named = self.names.is_empty() || self.names.iter().any(|n| n == id || n == group);
        named
            && match &self.scope {
                Scope::Line(l) => *l == line,
                Scope::Range(r) => r.contains(&start),
            }
    }
}

/// The rules this module reports.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DirectiveRules {
    pub unused: crate::checks::RuleId,
    pub invalid: crate::checks::RuleId,
}

/// Drops the findings that `d`'s suppressions cover, then reports the suppressions that
/// covered nothing or name no rule, and the directives that could not be understood.
pub(crate) fn apply(cx: &mut crate::checks::Cx, d: &Directives, ids: DirectiveRules) {
    if d.suppressions.is_empty() && d.invalid.is_empty() {
        return;
    }
    let mut used = vec![false; d.suppressions.len()];
    let (doc, rules) = (cx.doc, cx.rules);
    cx.out.retain(|f| {
        let meta = rules.get(f.rule);
        let (line, _) = doc.lines.line_col(doc.src, f.range.start);
        let mut kept = true;
        for (i, s) in d.suppressions.iter().enumerate() {
            if s.covers(&meta.id, &meta.group, f.range.start, line) {
                used[i] = true;
                kept = false;
            }
        }
        kept
    });
    let known = |n: &str| n == "all" || rules.iter().any(|r| &*r.id == n || &*r.group == n);
    for (s, used) in d.suppressions.iter().zip(used) {
        let unknown: Vec<&str> = s
            .names
            .iter()
            .map(String::as_str)
            .filter(|n| !known(n))
            .collect();
        let reason = if !unknown.is_empty() {
            format!(
                "`{}` is not a rule id or group (see `letterlint rules`)",
                unknown.join("`, `")
            )
        } else if !used {
            let what = if s.names.is_empty() {
                "any rule".to_string()
            } else {
                s.names.join(", ")
            };
            format!("nothing of {what} is found where this suppression applies")
        } else {
            continue;
        };
        let fix = remove_comment(doc.src, s.comment.clone());
        cx.report(
            ids.unused,
            s.comment.clone(),
            vec![("reason", reason)],
            vec![fix],
        );
    }
    for inv in &d.invalid {
        cx.report(
            ids.invalid,
            inv.comment.clone(),
            vec![("reason", inv.reason.clone())],
            vec![],
        );
    }
}

/// A safe fix deleting a comment, with its line when nothing else is on it.
fn remove_comment(src: &str, comment: Range<usize>) -> crate::diagnostic::Fix {
    let line_start = src[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = src[comment.end..]
        .find('\n')
        .map_or(src.len(), |i| comment.end + i);
    let alone = src[line_start..comment.start].trim().is_empty()
        && src[comment.end..line_end].trim().is_empty();
    let (start, end) = if alone {
        (line_start, (line_end + 1).min(src.len()))
    } else {
        (comment.start, comment.end)
    };
    crate::diagnostic::Fix {
        applicability: crate::diagnostic::Applicability::Safe,
        description: "Remove the suppression".to_string(),
        edits: vec![crate::diagnostic::Edit {
            start,
            end,
            replacement: String::new(),
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disable_and_enable_bound_a_range() {
        let src = "A\n<!-- letterlint-disable jargon, long-sentence -->\nB\n<!-- letterlint-enable jargon, long-sentence -->\nC\n";
        let d = parse(src);
        assert_eq!(d.suppressions.len(), 1);
        let Scope::Range(r) = &d.suppressions[0].scope else {
            panic!("not a range")
        };
        assert_eq!(&src[r.clone()], "\nB\n");
        assert!(d.invalid.is_empty());
    }

    #[test]
    fn disable_without_enable_runs_to_the_end() {
        let src = "<!-- letterlint-disable -->\nB\n";
        let d = parse(src);
        assert_eq!(d.suppressions[0].scope, Scope::Range(27..src.len()));
        assert!(d.suppressions[0].names.is_empty());
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let src = "<!-- letterlint-disable-next-line jargon -->\n\n  \nGoing forward.\n";
        assert_eq!(parse(src).suppressions[0].scope, Scope::Line(4));
    }

    #[test]
    fn bad_settings_and_stray_enables_are_invalid() {
        let d =
            parse("<!-- letterlint: kind=memo tone=warm -->\n<!-- letterlint-enable jargon -->\n");
        let reasons: Vec<&str> = d.invalid.iter().map(|i| i.reason.as_str()).collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].contains("memo"), "{reasons:?}");
        assert!(reasons[1].contains("unknown key `tone`"), "{reasons:?}");
        assert!(reasons[2].contains("no matching"), "{reasons:?}");
    }

    #[test]
    fn ordinary_comments_are_not_directives() {
        let d = parse("<!-- a note for the letterlint team -->\n<!-- letterlintish -->\n");
        assert_eq!(d, Directives::default());
    }
}
