//! Inline spans that are not prose: URLs, e-mail addresses, template placeholders, code.

use crate::checks::pattern::TextPattern;
use std::ops::Range;

/// What a non-prose span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaskKind {
    /// A web address (`https://…`, `www.…`, or a bare domain such as `lgo.org.uk`).
    Url,
    /// An e-mail address.
    Email,
    /// A template placeholder such as `{{name}}`, `[Officer name]`, `<<date>>`, `«field»`,
    /// `$name$`, or letterlint's own `[[…]]`.
    Placeholder,
    /// Inline code or a code block (Markdown).
    Code,
    /// Raw HTML (Markdown), including letterlint's own comment directives.
    Html,
}

/// A non-prose span of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    /// What it is.
    pub kind: MaskKind,
    /// Its byte range in the source.
    pub range: Range<usize>,
}

/// The compiled patterns that find masks, built once from the rule pack.
#[derive(Debug, Clone)]
pub struct MaskPatterns {
    pub(crate) abbreviations: std::sync::Arc<[String]>,
    placeholders: Vec<TextPattern>,
    placeholder_max_chars: usize,
    urls: Vec<TextPattern>,
    emails: Vec<TextPattern>,
}

impl MaskPatterns {
    /// Compiles the pack's patterns. Errors name the offending pattern.
    pub fn new(
        placeholders: &[String],
        urls: &[String],
        emails: &[String],
    ) -> Result<Self, String> {
        let compile = |pats: &[String]| -> Result<Vec<TextPattern>, String> {
            pats.iter()
                .map(|p| TextPattern::new(p).map_err(|e| format!("bad pattern `{p}`: {e}")))
                .collect()
        };
        Ok(MaskPatterns {
            abbreviations: std::sync::Arc::from(Vec::<String>::new()),
            placeholders: compile(placeholders)?,
            placeholder_max_chars: 400,
            urls: compile(urls)?,
            emails: compile(emails)?,
        })
    }

    /// Takes longer placeholder matches than `chars` characters for prose (default 400).
    pub fn with_placeholder_max_chars(mut self, chars: usize) -> Self {
        self.placeholder_max_chars = chars;
        self
    }

    /// Also treats these abbreviations' full stops as not ending a sentence.
    pub fn with_abbreviations(mut self, abbreviations: &[String]) -> Self {
        self.abbreviations = abbreviations.into();
        self
    }

    /// Finds every mask in `text`, sorted by start, never overlapping (an earlier or
    /// longer span wins). `markdown` skips `[text](…)` link labels, which are prose.
    pub fn find(&self, text: &str, markdown: bool) -> Vec<Mask> {
        let mut out = Vec::new();
        for re in &self.emails {
            out.extend(re.find_iter(text).map(|range| Mask {
                kind: MaskKind::Email,
                range,
            }));
        }
        for re in &self.urls {
            for m in re.find_iter(text) {
                let r = trim_trailing_punct(text, m);
                if !r.is_empty() {
                    out.push(Mask {
                        kind: MaskKind::Url,
                        range: r,
                    });
                }
            }
        }
        for re in &self.placeholders {
            let mut at = 0;
            while at <= text.len() {
                let Some(m) = re.find_at(text, at) else { break };
                let after_start =
                    m.start + text[m.start..].chars().next().map_or(1, char::len_utf8);
                if m.is_empty() {
                    // a user pattern that can match nothing masks nothing
                    at = after_start;
                    continue;
                }
                at = m.end;
                let found = &text[m.clone()];
                if found.chars().nth(self.placeholder_max_chars).is_some() {
                    // too long to be a field: look again just after its start
                    at = after_start;
                    continue;
                }
                let next = text[m.end..].chars().next();
                if markdown
                    && found.starts_with('[')
                    && !found.starts_with("[[")
                    && matches!(next, Some('(') | Some('[') | Some(':'))
                {
                    continue;
                }
                out.push(Mask {
                    kind: MaskKind::Placeholder,
                    range: m,
                });
            }
        }
        normalise(out)
    }
}

/// Sorts masks and drops any that overlap an earlier (or, at the same start, longer) one.
pub(crate) fn normalise(mut masks: Vec<Mask>) -> Vec<Mask> {
    masks.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    let mut out: Vec<Mask> = Vec::with_capacity(masks.len());
    for m in masks {
        if let Some(last) = out.last() {
            if m.range.start < last.range.end {
                continue;
            }
        }
        out.push(m);
    }
    out
}

fn trim_trailing_punct(text: &str, mut r: Range<usize>) -> Range<usize> {
    while r.end > r.start {
        let c = text[..r.end].chars().next_back().unwrap_or(' ');
        if matches!(
            c,
            '.' | ',' | ';' | ':' | ')' | ']' | '\'' | '"' | '!' | '?' | '’' | '”'
        ) {
            r.end -= c.len_utf8();
        } else {
            break;
        }
    }
    r
}
