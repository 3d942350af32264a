//! The human output: each finding with the source line and the words underlined
//! (annotate-snippets, the renderer rustc and Ruff use), the rule id, message,
//! principle and help.

use crate::diagnostic::{Diagnostic, Severity};
use annotate_snippets::{Level, Renderer, Snippet};

/// Renders the findings of one file. `color` turns on ANSI styles.
pub fn render(path: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Info,
        };
        let span = clamp(source, d.span.start, d.span.end);
        let principle = format!("principle: {}", d.principle);
        let paragraph = d.paragraph.map(|p| format!("in Word paragraph {p}"));
        let fix_notes: Vec<String> = d
            .fixes
            .iter()
            .map(|f| format!("fix ({}): {}", f.applicability.as_str(), f.description))
            .collect();
        let mut message = level
            .title(&d.message)
            .id(&d.rule)
            .snippet(
                Snippet::source(source)
                    .line_start(1)
                    .origin(path)
                    .fold(true)
                    .annotation(level.span(span)),
            )
            .footer(Level::Note.title(&principle))
            .footer(Level::Help.title(&d.help));
        if let Some(p) = &paragraph {
            message = message.footer(Level::Note.title(p));
        }
        for n in &fix_notes {
            message = message.footer(Level::Note.title(n));
        }
        out.push_str(&renderer.render(message).to_string());
        out.push_str("\n\n");
    }
    out
}

/// A span annotate-snippets can show: in bounds, on char boundaries, and not empty
/// (an empty span points at the character after it).
fn clamp(source: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    let fl = |i: usize| crate::error::floor_char_boundary(source, i);
    let start = fl(start);
    let mut end = fl(end.max(start));
    if end == start && start < source.len() {
        end = start + source[start..].chars().next().map_or(0, char::len_utf8);
    }
    // annotate the first line only when a span crosses many lines
    start..end
}
