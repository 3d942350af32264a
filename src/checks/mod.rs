//! Checks: one module per principle. A check reads the [`Document`] and the [`Facts`]
//! and reports [`Finding`]s for the rules it owns; the linter turns them into
//! diagnostics (severity, message, line and column) using the rule table.
//!
//! To add a rule whose words are enough (flag a phrase, offer a replacement), add a
//! `kind = "phrases"` entry to a pack file: no code. To add a check that needs its own
//! logic, add a module here, list its rule ids in [`crate::rules::BUILTIN_CHECKS`], give
//! each id a `[[rule]]` entry in `rules/`, and call it from [`Checks::run`].

pub mod apology;
pub mod blame;
pub mod officers;
pub mod ombudsman;
pub mod outcome;
pub(crate) mod pattern;
pub mod phrases;
pub mod placeholders;
pub mod plain_language;
pub mod require;
pub mod standards;

use crate::config::Config;
use crate::diagnostic::{Fix, Severity};
use crate::document::Document;
use crate::error::Error;
use crate::facts::{Facts, Kind};
use crate::rules::Pack;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// A rule as the linter runs it: its words from the pack, its severity after configuration.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// The id.
    pub id: Arc<str>,
    /// The group.
    pub group: Arc<str>,
    /// The principle, quoted.
    pub principle: Arc<str>,
    /// Severity after configuration.
    pub severity: Severity,
    /// Message template.
    pub message: String,
    /// Help template.
    pub help: String,
    /// Letter kinds it applies to (all when empty).
    pub applies_to: Vec<Kind>,
    /// Whether configuration selects it.
    pub enabled: bool,
}

/// Index of a rule in the [`RuleTable`]; lower indexes win when fixes overlap.
pub type RuleId = usize;

/// Every rule of the pack, in priority order, with configuration applied.
#[derive(Debug, Clone)]
pub struct RuleTable {
    rules: Vec<RuleMeta>,
    by_id: HashMap<String, RuleId>,
}

impl RuleTable {
    /// Builds the table, applying `select`, `ignore` and `severity` from `config`.
    /// Unknown rule ids or groups in the configuration are errors.
    pub fn new(pack: &Pack, config: &Config) -> Result<RuleTable, Error> {
        let known = |name: &str| {
            pack.rules
                .iter()
                .any(|r| r.id == name || r.group == name || name == "all")
        };
        let overrides = config
            .overrides
            .iter()
            .flat_map(|o| o.select.iter().chain(&o.ignore).chain(o.severity.keys()));
        for name in config
            .select
            .iter()
            .chain(&config.ignore)
            .chain(config.severity.keys())
            .chain(overrides)
        {
            if !known(name) {
                return Err(config.error_at(
                    name,
                    format!("unknown rule id or group `{name}` (see `letterlint rules`)"),
                ));
            }
        }
        let hit = |list: &[String], id: &str, group: &str| {
            list.iter().any(|n| n == id || n == group || n == "all")
        };
        let mut rules = Vec::with_capacity(pack.rules.len());
        let mut by_id = HashMap::new();
        for r in &pack.rules {
            let enabled = (config.select.is_empty() || hit(&config.select, &r.id, &r.group))
                && !hit(&config.ignore, &r.id, &r.group);
            let severity = config
                .severity
                .get(&r.id)
                .or_else(|| config.severity.get(&r.group))
                .copied()
                .unwrap_or(r.severity);
            by_id.insert(r.id.clone(), rules.len());
            rules.push(RuleMeta {
                id: r.id.as_str().into(),
                group: r.group.as_str().into(),
                principle: r.principle.as_str().into(),
                severity,
                message: r.message.clone(),
                help: r.help.clone(),
                applies_to: r.applies_to.clone(),
                enabled,
            });
        }
        Ok(RuleTable { rules, by_id })
    }

    /// The index of rule `id`.
    pub fn id(&self, id: &str) -> Option<RuleId> {
        self.by_id.get(id).copied()
    }

    /// Rule `i`.
    pub fn get(&self, i: RuleId) -> &RuleMeta {
        &self.rules[i]
    }

    /// All rules in priority order.
    pub fn iter(&self) -> impl Iterator<Item = &RuleMeta> {
        self.rules.iter()
    }
}

/// What a check reports: a rule, the source bytes it points at, the values for the
/// message's `{fields}`, and the fixes.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule.
    pub rule: RuleId,
    /// Byte range in the source.
    pub range: Range<usize>,
    /// Values for `{name}` fields in the message and help.
    pub fields: Vec<(&'static str, String)>,
    /// Ways to mend it.
    pub fixes: Vec<Fix>,
}

/// What a check sees.
pub struct Cx<'a> {
    /// The parsed letter.
    pub doc: &'a Document<'a>,
    /// Its facts.
    pub facts: &'a Facts,
    /// The rules.
    pub rules: &'a RuleTable,
    /// Findings so far.
    pub out: Vec<Finding>,
}

impl Cx<'_> {
    /// Whether rule `r` is enabled and applies to this letter's kind.
    pub fn active(&self, r: RuleId) -> bool {
        let m = self.rules.get(r);
        m.enabled && (m.applies_to.is_empty() || m.applies_to.contains(&self.facts.kind))
    }

    /// Whether a norm range is the organisation's own words: not a quotation and not
    /// reported speech ("You said…").
    pub fn judged(&self, r: &Range<usize>) -> bool {
        !self.doc.in_quote(r) && !self.facts.is_reported(r)
    }

    /// The text of the placeholders within a source range, lower-cased: a `[[…]]` left
    /// by a manual fix (or a template field) stands for content still to be written, so
    /// a requirement it names counts as met.
    pub fn pending(&self, src: Range<usize>) -> String {
        let mut out = String::new();
        for m in self.doc.masks_in(src) {
            if m.kind == crate::document::MaskKind::Placeholder {
                out.push_str(&self.doc.src[m.range.clone()].to_lowercase());
                out.push('\n');
            }
        }
        out
    }

    /// Where text goes "before the sign-off": the start of the sign-off's line, or the
    /// end of the last block. Returns the offset and whether the text must be preceded
    /// by a blank line (true at the end of a block).
    pub fn before_sign_off(&self) -> (usize, bool) {
        match &self.facts.sign_off {
            Some(s) => (s.line_start, false),
            None => self
                .doc
                .blocks
                .last()
                .map_or((0, false), |b| (b.range.end, true)),
        }
    }

    /// Reports a finding for rule `r` (dropped if the rule is not active).
    pub fn report(
        &mut self,
        r: RuleId,
        range: Range<usize>,
        fields: Vec<(&'static str, String)>,
        fixes: Vec<Fix>,
    ) {
        if self.active(r) {
            self.out.push(Finding {
                rule: r,
                range,
                fields,
                fixes,
            });
        }
    }
}

/// A check: reads a letter, reports findings.
pub trait Check: Send + Sync {
    /// The check's name in an internal error ("check apology").
    fn name(&self) -> &'static str;
    /// Runs over one letter.
    fn run(&self, cx: &mut Cx);
}

/// Every built-in check, compiled once.
pub struct Checks {
    /// Ombudsman signposting.
    pub ombudsman: ombudsman::OmbudsmanCheck,
    officers: officers::OfficersCheck,
    all: Vec<Box<dyn Check>>,
}

impl Checks {
    /// Compiles every check's data.
    pub fn new(pack: &Pack, rules: &RuleTable, config: &Config) -> Result<Checks, Error> {
        let all: Vec<Box<dyn Check>> = vec![
            Box::new(apology::ApologyCheck::new(pack, rules)?),
            Box::new(outcome::OutcomeCheck::new(pack, rules)?),
            Box::new(standards::StandardsCheck::new(pack, rules)?),
            Box::new(require::RequireCheck::new(pack, rules)?),
            Box::new(blame::BlameCheck::new(pack, rules)?),
            Box::new(plain_language::LongSentenceCheck::new(pack, rules, config)?),
            Box::new(phrases::PhrasesCheck::new(pack, rules)),
            Box::new(placeholders::PlaceholderCheck::new(pack, rules)?),
        ];
        Ok(Checks {
            ombudsman: ombudsman::OmbudsmanCheck::new(pack, rules)?,
            officers: officers::OfficersCheck::new(pack, rules, config)?,
            all,
        })
    }

    /// The officer check (for [`crate::Linter::anonymise`]).
    pub fn officers(&self) -> &officers::OfficersCheck {
        &self.officers
    }

    /// Runs every check.
    pub fn run(&self, cx: &mut Cx) {
        for c in [&self.ombudsman as &dyn Check, &self.officers]
            .into_iter()
            .chain(self.all.iter().map(|c| &**c))
        {
            let _stage = crate::guard::enter(c.name());
            c.run(cx);
        }
    }
}

/// The `[rule.data]` of rule `id`, in the shape `T` its check documents.
pub(crate) fn rule_data<T: serde::de::DeserializeOwned>(pack: &Pack, id: &str) -> Result<T, Error> {
    let rule = pack
        .rule(id)
        .ok_or_else(|| pack_error("rules/", format!("missing rule `{id}`")))?;
    let value = rule
        .data
        .clone()
        .ok_or_else(|| pack_error("rules/", format!("rule `{id}` has no [rule.data]")))?;
    value.try_into().map_err(|e: toml::de::Error| {
        pack_error(
            "rules/",
            format!("rule `{id}` [rule.data]: {}", e.message()),
        )
    })
}

/// The index of rule `id`, which the pack must define.
pub(crate) fn rule_id(rules: &RuleTable, id: &str) -> Result<RuleId, Error> {
    rules
        .id(id)
        .ok_or_else(|| pack_error("rules/", format!("missing rule `{id}`")))
}

/// Compiles a pack regular expression searched in passages (size-limited, so a user
/// pack cannot blow up). `\b` is an ASCII word boundary here: the patterns are English
/// words, and a Unicode boundary would keep the regex engine off its fast path.
pub(crate) fn compile(pattern: &str, rule: &str) -> Result<pattern::TextPattern, Error> {
    pattern::TextPattern::for_passages(pattern).map_err(|e| {
        pack_error(
            "rules/",
            format!("rule `{rule}`: bad pattern `{pattern}`: {e}"),
        )
    })
}

/// Compiles a pack pattern searched over whole letters ([`pattern::Pattern`]: folded
/// and gated), with [`compile`]'s errors.
pub(crate) fn compile_pattern(pattern: &str, rule: &str) -> Result<pattern::Pattern, Error> {
    pattern::Pattern::new(pattern).map_err(|e| {
        pack_error(
            "rules/",
            format!("rule `{rule}`: bad pattern `{pattern}`: {e}"),
        )
    })
}

/// `pattern` compiled by the regex crate, with the syntax ([`ascii_boundaries`]) and
/// size limit (1 MiB, so that a user pack cannot blow up) of every pack pattern: the wording of the errors users see, and the reference the tests hold
/// [`pattern::Pattern`] and [`pattern::TextPattern`] to.
pub(crate) fn regex_crate(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(&ascii_boundaries(pattern))
        .size_limit(1 << 20)
        .build()
}

/// The word characters of letters: ASCII letters, digits and `_`, and the Latin-1 and
/// Latin Extended-A and -B letters (French, German, Irish, Welsh, Polish, Romanian…
/// accents). A pattern's `\w` means this: a few ranges instead of Unicode's hundreds keep compiling and
/// matching fast.
const WORD_CLASS: &str = "[0-9A-Za-z_\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{24F}]";

/// The Unicode letter classes a pattern may use, each narrowed to the Latin scripts
/// (up to Latin Extended-B) the way `\w` is: a tenth of the compile time.
const LETTER_CLASSES: [(&str, &str); 6] = [
    ("\\p{Lu}", "[\\p{Lu}&&[\\x00-\\u{24F}]]"),
    ("\\p{Ll}", "[\\p{Ll}&&[\\x00-\\u{24F}]]"),
    ("\\p{L}", "[\\p{L}&&[\\x00-\\u{24F}]]"),
    ("\\pL", "[\\p{L}&&[\\x00-\\u{24F}]]"),
    ("\\p{Lt}", "[\\p{Lt}&&[\\x00-\\u{24F}]]"),
    ("\\p{Alphabetic}", "[\\p{Alphabetic}&&[\\x00-\\u{24F}]]"),
];

/// Rewrites a pattern for the regex engine's fast paths: `\b` becomes the ASCII word
/// boundary `(?-u:\b)`, `\w` the Latin word class above, `\p{L}`/`\p{Lu}`/`\p{Ll}` their
/// Latin part, `\d` `[0-9]` and `\s` ASCII white space (an escaped `\\b` is left alone).
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut i = 0;
    while let Some(c) = pattern[i..].chars().next() {
        let rest = &pattern[i..];
        i += c.len_utf8();
        if c != '\\' {
            out.push(c);
            continue;
        }
        if let Some((from, to)) = LETTER_CLASSES.iter().find(|(f, _)| rest.starts_with(f)) {
            out.push_str(to);
            i += from.len() - 1;
            continue;
        }
        let Some(n) = pattern[i..].chars().next() else {
            out.push(c);
            break;
        };
        i += n.len_utf8();
        match n {
            'b' => out.push_str("(?-u:\\b)"),
            'w' => out.push_str(WORD_CLASS),
            'd' => out.push_str("[0-9]"),
            's' => out.push_str("[\\t\\n\\x0B\\x0C\\r ]"),
            n => {
                out.push(c);
                out.push(n);
            }
        }
    }
    out
}

/// A phrase set from a list (all one tag).
pub(crate) fn phrase_set(list: &[String], case_sensitive: bool) -> crate::rules::PhraseSet {
    let mut b = crate::rules::PhraseSet::builder();
    for p in list {
        b.add(p, 0, case_sensitive);
    }
    b.build()
}

/// Fills `{name}` fields of a template.
pub fn fill(template: &str, fields: &[(&'static str, String)]) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let mut out = template.to_string();
    for (k, v) in fields {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A pack error for a check's data.
pub(crate) fn pack_error(file: &str, message: String) -> Error {
    Error::Pack {
        file: file.to_string(),
        line: 1,
        column: 1,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::ascii_boundaries;
    use super::pattern::TextPattern;

    #[test]
    fn pattern_rewrite_keeps_escapes_and_narrows_classes() {
        assert_eq!(ascii_boundaries(r"\bsorry\b"), r"(?-u:\b)sorry(?-u:\b)");
        assert_eq!(ascii_boundaries(r"a\\b"), r"a\\b");
        assert_eq!(ascii_boundaries(r"\d\."), r"[0-9]\.");
        assert_eq!(ascii_boundaries("£\\s?"), "£[\\t\\n\\x0B\\x0C\\r ]?");
        assert_eq!(ascii_boundaries(r"\\p{Lu}"), r"\\p{Lu}");
        assert_eq!(ascii_boundaries("x\\"), "x\\");
    }

    #[test]
    fn narrowed_letter_classes_match_latin_names_only() {
        let re = TextPattern::new(r"^\p{Lu}[\p{L}'-]*$").unwrap();
        for name in ["Siân", "O'Brien", "Łukasz", "Ștefan", "Zoë-Mae"] {
            assert!(re.is_match(name), "{name}");
        }
        for not in ["siân", "Ελένη", "3rd"] {
            assert!(!re.is_match(not), "{not}");
        }
        let w = TextPattern::new(r"^\w+$").unwrap();
        assert!(w.is_match("Ștefan_2"));
    }
}
