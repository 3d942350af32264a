//! # letterlint
//!
//! Checks draft complaint decision letters against the principles of good complaint
//! handling, and hands back diagnostics plus a suggested rewrite.
//!
//! ```
//! use letterlint::{Applicability, Config, Format, Linter, Source};
//!
//! let linter = Linter::new(Config::default()).unwrap();
//! let letter = Source::new(
//!     "draft.txt",
//!     "Dear Mrs Brown,\n\nWe have investigated your complaint about your council tax bill \
//!      and I have decided to uphold it.\n\nYours sincerely,\n\nJane Doe\n",
//!     Format::Text,
//! );
//! let report = linter.lint(&letter);
//! assert!(report.diagnostics.iter().any(|d| &*d.rule == "ombudsman-missing"));
//!
//! // The suggested rewrite: safe fixes and manual insertions.
//! let fixed = linter.fix(&letter, Applicability::Manual);
//! assert!(fixed.text.contains("Local Government and Social Care Ombudsman"));
//! ```
//!
//! The flow of one letter: bytes → [`document::Document`] (parsed once) →
//! [`facts::Facts`] (analysed once) → [`checks`] (one module per principle, words from
//! the rule pack in `rules/`) → [`Report`] (diagnostics sorted by position, and the
//! rewrite). [`Linter`] compiles everything once and is `Send + Sync`.

#![warn(missing_docs)]

pub mod anonymise;
pub mod baseline;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod directives;
pub mod document;
pub mod docx;
pub mod encoding;
pub mod error;
pub mod facts;
mod fix_docx;
pub mod guard;
pub mod invariants;
pub mod io;
pub mod redact;
pub mod render;
pub mod rewrite;
pub mod rules;

pub use config::Config;
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity, Span};
pub use document::{Format, Source};
pub use error::Error;
pub use facts::{Context, Kind, Nation, Sector, Sender, Service};
pub use fix_docx::DocxFixed;

use checks::{Checks, Cx, RuleTable};
use document::{Document, MaskPatterns};
use facts::FactsMatcher;
use rules::Pack;

/// A compiled linter: rule packs, automata and configuration, built once and shared.
pub struct Linter {
    config: Config,
    pack: Pack,
    masks: MaskPatterns,
    facts: FactsMatcher,
    rules: RuleTable,
    checks: Checks,
    directive_rules: directives::DirectiveRules,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// The findings for one letter, and what is needed to rewrite it.
#[derive(Debug, Clone)]
pub struct Report {
    /// The source's name.
    pub name: String,
    /// The letter kind used.
    pub kind: Kind,
    /// The sector used (the one-word shorthand for `context`).
    pub sector: Sector,
    /// The nation, service and sender used, with the evidence for each.
    pub context: Context,
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    text: String,
    priority: Vec<usize>,
}

impl Report {
    /// The text that was linted.
    pub fn source_text(&self) -> &str {
        &self.text
    }

    /// One pass of the rewrite: the text with every fix at or below `level` applied
    /// (see [`Applicability`] for the order). [`Linter::fix`] repeats this until
    /// nothing changes.
    pub fn rewrite(&self, level: Applicability) -> String {
        self.rewrite_detail(level).text
    }

    /// Like [`Report::rewrite`], with the edits applied and the fixes skipped.
    pub fn rewrite_detail(&self, level: Applicability) -> rewrite::Rewrite {
        rewrite::apply(&self.text, &self.diagnostics, &self.priority, level)
    }

    /// How many findings there are at or above `severity`.
    pub fn count_at_least(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity >= severity)
            .count()
    }
}

/// The result of [`Linter::fix`].
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The rewritten text.
    pub text: String,
    /// How many lint-and-fix passes ran.
    pub passes: usize,
    /// The findings that remain in the rewritten text.
    pub remaining: Report,
}

/// How many lint-and-fix passes [`Linter::fix`] runs at most.
pub const MAX_FIX_PASSES: usize = 8;

impl Linter {
    /// Compiles the built-in pack (plus `config.rules`, a user pack directory) with `config`.
    pub fn new(config: Config) -> Result<Linter, Error> {
        let pack = match &config.rules {
            Some(dir) => Pack::with_user_dir(dir)?,
            None => Pack::builtin()?,
        };
        Linter::with_pack(config, pack)
    }

    /// Compiles a given pack with `config`.
    pub fn with_pack(config: Config, pack: Pack) -> Result<Linter, Error> {
        // every phrase set compiled here shares one automaton: a letter is scanned once
        rules::with_lexicon(|| Self::compile(config, pack))
    }

    fn compile(config: Config, pack: Pack) -> Result<Linter, Error> {
        let d = &pack.document;
        for p in &config.placeholders {
            MaskPatterns::new(std::slice::from_ref(p), &[], &[])
                .map_err(|m| config.error_at(p, format!("placeholders: {m}")))?;
        }
        let placeholders: Vec<String> = d
            .placeholders
            .iter()
            .chain(&config.placeholders)
            .cloned()
            .collect();
        let masks = MaskPatterns::new(&placeholders, &d.urls, &d.emails)
            .map(|m| {
                m.with_abbreviations(&d.abbreviations)
                    .with_placeholder_max_chars(d.placeholder_max_chars)
            })
            .map_err(|m| locate(&pack, checks::pack_error("[document]", m)))?;
        let facts = FactsMatcher::new(&pack.facts).map_err(|e| locate(&pack, e))?;
        let rules = RuleTable::new(&pack, &config)?;
        let checks = Checks::new(&pack, &rules, &config).map_err(|e| locate(&pack, e))?;
        let directive_rules = directives::DirectiveRules {
            unused: checks::rule_id(&rules, "unused-suppression")?,
            invalid: checks::rule_id(&rules, "invalid-directive")?,
        };
        Ok(Linter {
            config,
            pack,
            masks,
            facts,
            rules,
            checks,
            directive_rules,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The merged rule pack.
    pub fn pack(&self) -> &Pack {
        &self.pack
    }

    /// The rules, in priority order, with configuration applied.
    pub fn rules(&self) -> &RuleTable {
        &self.rules
    }

    /// Parses `source` into a document (for callers that want the model itself).
    pub fn parse<'a>(&self, source: &'a Source) -> Document<'a> {
        Document::parse(&source.text, source.format, &self.masks)
    }

    /// The directives and suppressions a letter carries (Markdown letters only).
    pub fn directives(&self, source: &Source) -> directives::Directives {
        match source.format {
            Format::Markdown => directives::parse(&source.text),
            Format::Text | Format::Docx => directives::Directives::default(),
        }
    }

    /// Parses `source` and computes its facts: what every check and the anonymiser read.
    /// The letter's own directives set its kind and sector over the configuration.
    fn analyse<'a>(
        &self,
        source: &'a Source,
        directives: &directives::Directives,
    ) -> (Document<'a>, facts::Facts) {
        guard::debug_panic(&source.text);
        let _stage = guard::enter("parse");
        let doc = self.parse(source);
        let _stage = guard::enter("facts");
        let signposted = self.checks.ombudsman.signposted(&doc);
        // the letter's own directives over the configuration, piece by piece
        let mut given = self.config.given();
        if let Some(sector) = directives.sector {
            given = sector.given();
        }
        if directives.nation.is_some() {
            given.nation = directives.nation;
        }
        if directives.service.is_some() {
            given.service = directives.service;
        }
        let facts = self.facts.infer(
            &doc,
            &signposted.blocks,
            signposted.service,
            directives.kind.or(self.config.kind),
            given,
        );
        (doc, facts)
    }

    /// Lints one letter. A letter with no text (empty, or only white space) has no
    /// findings: there is nothing to judge.
    pub fn lint(&self, source: &Source) -> Report {
        if source.text.trim().is_empty() {
            return Report {
                name: source.name.clone(),
                kind: self.config.kind.unwrap_or(Kind::Decision),
                sector: self.config.sector.unwrap_or(Sector::Unknown),
                context: Context::default(),
                diagnostics: Vec::new(),
                text: source.text.clone(),
                priority: Vec::new(),
            };
        }
        let _stage = guard::enter("directives");
        let directives = self.directives(source);
        let (doc, facts) = self.analyse(source, &directives);
        let mut cx = Cx {
            doc: &doc,
            facts: &facts,
            rules: &self.rules,
            out: Vec::new(),
        };
        self.checks.run(&mut cx);
        let _stage = guard::enter("suppressions");
        directives::apply(&mut cx, &directives, self.directive_rules);
        let mut findings = cx.out;
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
        });
        findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
        let _stage = guard::enter("diagnostics");
        let mut diagnostics = Vec::with_capacity(findings.len());
        let mut priority = Vec::with_capacity(findings.len());
        for f in findings {
            let meta = self.rules.get(f.rule);
            let (line, column) = doc.lines.line_col(doc.src, f.range.start);
            let (end_line, end_column) = doc.lines.line_col(doc.src, f.range.end);
            let help = checks::fill(&meta.help, &f.fields);
            diagnostics.push(Diagnostic {
                rule: meta.id.clone(),
                severity: meta.severity,
                principle: meta.principle.clone(),
                message: checks::fill(&meta.message, &f.fields),
                help: help.into(),
                span: Span {
                    start: f.range.start,
                    end: f.range.end,
                    line,
                    column,
                    end_line,
                    end_column,
                },
                paragraph: source.paragraph_at(f.range.start),
                fixes: f.fixes,
            });
            priority.push(f.rule);
        }
        Report {
            name: source.name.clone(),
            kind: facts.kind,
            sector: facts.sector,
            context: facts.context.clone(),
            diagnostics,
            text: source.text.clone(),
            priority,
        }
    }

    /// The people one letter names, each classified (officer, complainant, signatory,
    /// third party), with every mention and the signal that found it.
    pub fn people(&self, source: &Source) -> anonymise::People {
        let (doc, facts) = self.analyse(source, &self.directives(source));
        let _stage = guard::enter("people");
        let cx = Cx {
            doc: &doc,
            facts: &facts,
            rules: &self.rules,
            out: Vec::new(),
        };
        self.checks.officers().people(&cx)
    }

    /// Anonymises the officers of one letter in `mode`: every officer mention, contact
    /// detail and pronoun fix applied (pronoun and organisation-mode fixes are unsafe
    /// elsewhere; here they are what was asked for). Lints again until nothing changes.
    pub fn anonymise(&self, source: &Source, mode: anonymise::Mode) -> anonymise::Anonymised {
        let officers = self.checks.officers();
        let anon_rules = |r: &str| r == "named-officer" || r == "officer-pronoun";
        let run = |text: &str| {
            let src = Source::new(source.name.clone(), text, source.format);
            let (doc, facts) = self.analyse(&src, &self.directives(&src));
            let mut cx = Cx {
                doc: &doc,
                facts: &facts,
                rules: &self.rules,
                out: Vec::new(),
            };
            let _stage = guard::enter("anonymise");
            let people = officers.people(&cx);
            officers.report(&mut cx, &people, mode);
            let report_people = people_report(&doc, &people, officers);
            let diags: Vec<Diagnostic> = cx
                .out
                .into_iter()
                .filter(|f| anon_rules(&self.rules.get(f.rule).id))
                .map(|f| Diagnostic {
                    rule: self.rules.get(f.rule).id.clone(),
                    severity: Severity::Info,
                    principle: self.rules.get(f.rule).principle.clone(),
                    message: String::new(),
                    help: "".into(),
                    span: Span {
                        start: f.range.start,
                        end: f.range.end,
                        ..Span::default()
                    },
                    paragraph: None,
                    fixes: f.fixes,
                })
                .collect();
            let priority: Vec<usize> = diags
                .iter()
                .map(|d| usize::from(&*d.rule == "officer-pronoun"))
                .collect();
            let text = rewrite::apply(text, &diags, &priority, Applicability::Unsafe).text;
            (report_people, text)
        };
        let (people, mut text) = run(&source.text);
        for _ in 0..MAX_FIX_PASSES {
            let (_, next) = run(&text);
            if next == text {
                break;
            }
            text = next;
        }
        anonymise::Anonymised { people, text }
    }

    /// Lints and applies fixes at or below `level` until nothing changes (at most
    /// [`MAX_FIX_PASSES`] passes), then reports what remains.
    pub fn fix(&self, source: &Source, level: Applicability) -> Fixed {
        let mut current = source.clone();
        let mut report = self.lint(&current);
        let mut passes = 0;
        while passes < MAX_FIX_PASSES {
            let next = {
                let _stage = guard::enter("rewrite");
                report.rewrite(level)
            };
            if next == current.text {
                break;
            }
            passes += 1;
            current.text = next;
            current.docx = None;
            report = self.lint(&current);
        }
        Fixed {
            text: current.text,
            passes,
            remaining: report,
        }
    }
}

impl Linter {
    /// [`Linter::lint`] that never panics: a bug in letterlint while linting this
    /// letter is returned as [`Error::Internal`] naming the letter and the stage, so a
    /// program linting many letters reports this one and goes on.
    ///
    /// ```
    /// use letterlint::{Config, Format, Linter, Source};
    ///
    /// let linter = Linter::new(Config::default()).unwrap();
    /// let letter = Source::new("a.txt", "Dear Ms Lee,\n\nThank you.\n", Format::Text);
    /// let report = linter.try_lint(&letter).unwrap();
    /// assert_eq!(report.name, "a.txt");
    /// ```
    pub fn try_lint(&self, source: &Source) -> Result<Report, Error> {
        guard::isolate(&source.name, || self.lint(source))
    }

    /// [`Linter::fix`] that never panics (see [`Linter::try_lint`]).
    pub fn try_fix(&self, source: &Source, level: Applicability) -> Result<Fixed, Error> {
        guard::isolate(&source.name, || self.fix(source, level))
    }

    /// [`Linter::anonymise`] that never panics (see [`Linter::try_lint`]).
    pub fn try_anonymise(
        &self,
        source: &Source,
        mode: anonymise::Mode,
    ) -> Result<anonymise::Anonymised, Error> {
        guard::isolate(&source.name, || self.anonymise(source, mode))
    }
}

/// Points a pack error about one rule's pattern ("rule `x`: bad pattern `p`: …") at the
/// file and line the rule was written in.
fn locate(pack: &Pack, e: Error) -> Error {
    let Error::Pack {
        file,
        line,
        column,
        message,
    } = e
    else {
        return e;
    };
    let between = |s: &str, a: &str, b: &str| -> Option<String> {
        let start = s.find(a)? + a.len();
        let end = start + s[start..].find(b)?;
        Some(s[start..end].to_string())
    };
    // a section's error names the section as its file ("[officers]"), a rule's
    // error names the rule; the needle is the text quoted before the reason
    let quoted = between(&message, "`", "`: ").unwrap_or_default();
    let found = match between(&message, "rule `", "`") {
        Some(id) => {
            let pattern = between(&message, "bad pattern `", "`: ").unwrap_or_default();
            pack.locate(&id, &pattern).or_else(|| pack.locate(&id, ""))
        }
        None if file.starts_with('[') => pack.locate(&file, &quoted),
        None => None,
    };
    match found {
        Some((file, line, column)) => Error::Pack {
            file,
            line,
            column,
            message,
        },
        None => Error::Pack {
            file,
            line,
            column,
            message,
        },
    }
}

fn people_report(
    doc: &Document,
    people: &anonymise::People,
    officers: &checks::officers::OfficersCheck,
) -> Vec<anonymise::PersonReport> {
    let labels: std::collections::HashMap<usize, String> = officers
        .writer
        .fixes(doc, people, anonymise::Mode::Label)
        .into_iter()
        .map(|f| (f.mention.src.start, f.label))
        .collect();
    people
        .persons
        .iter()
        .map(|p| {
            let first = &p.mentions[0];
            let label = match p.role {
                anonymise::PersonRole::Officer => {
                    labels.get(&first.src.start).cloned().unwrap_or_default()
                }
                _ => doc.quote(first.src.clone()),
            };
            anonymise::PersonReport {
                label,
                role: p.role,
                mentions: p
                    .mentions
                    .iter()
                    .map(|m| anonymise::MentionReport {
                        start: m.src.start,
                        end: m.src.end,
                        text: doc.src[m.src.clone()].to_string(),
                        signal: m.signal,
                    })
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod send_sync {
    fn assert_send_sync<T: Send + Sync>() {}
    #[test]
    fn linter_is_send_and_sync() {
        assert_send_sync::<super::Linter>();
    }
}
