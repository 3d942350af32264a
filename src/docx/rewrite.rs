//! Applying [`TextEdit`]s by rewriting only the `w:t` elements they fall in.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::extract::{extract, ExtractedPart};
use super::package::Package;
use super::{DocxError, DocxText, Limits, RunSpan, TextEdit, Written};

/// An edit that will be applied: which run it is in, and where in that run's
/// text it goes.
struct Planned<'a> {
    run: usize,
    local: Range<usize>,
    replacement: &'a str,
}

/// A run of the document, with the part it is in.
struct Run<'a> {
    span: &'a RunSpan,
    part: &'a str,
}

pub(super) fn write(
    original: &[u8],
    doc: &DocxText,
    edits: &[TextEdit],
    limits: &Limits,
) -> Result<Written, DocxError> {
    let runs = runs(doc);

    // Part name -> w:t index -> the edits planned in it.
    let mut by_part: BTreeMap<&str, BTreeMap<usize, Vec<Planned<'_>>>> = BTreeMap::new();
    let mut applied = 0;
    let mut rejected = Vec::new();
    for (index, edit) in edits.iter().enumerate() {
        let Some(edit) = plan(doc, &runs, edit) else {
            rejected.push(index);
            continue;
        };
        let run = &runs[edit.run];
        let node_edits = by_part
            .entry(run.part)
            .or_default()
            .entry(run.span.xml_text_node)
            .or_default();
        if node_edits
            .iter()
            .any(|other| conflict(&other.local, &edit.local))
        {
            rejected.push(index);
        } else {
            node_edits.push(edit);
            applied += 1;
        }
    }
    if applied == 0 {
        return Ok(Written {
            bytes: original.to_vec(),
            applied,
            rejected,
        });
    }

    let mut package = Package::open(original, limits)?;
    let mut replaced = HashMap::new();
    for (part, nodes) in by_part {
        let xml = package
            .read_part(part)?
            .ok_or_else(|| mismatch(part, 0, "the part is not in the package"))?;
        let extracted = extract(part, &xml)?;
        let mut splices = Vec::new();
        for (node_index, mut node_edits) in nodes {
            let node = extracted
                .nodes
                .get(node_index)
                .ok_or_else(|| mismatch(part, 0, &format!("it has no w:t element {node_index}")))?;
            // Every edit's run must hold just this element's text, so the
            // edits' ranges fit it.
            for edit in &node_edits {
                let range = runs[edit.run].span.range.clone();
                if doc.text.get(range) != Some(node.text.as_str()) {
                    let what = format!("w:t element {node_index} has other text");
                    return Err(mismatch(part, node.span.start as u64, &what));
                }
            }
            node_edits.sort_by_key(|edit| std::cmp::Reverse(edit.local.start));
            let mut text = node.text.clone();
            for edit in node_edits {
                text.replace_range(edit.local, edit.replacement);
            }
            let element = new_element(part, &xml, &extracted, node_index, &text)?;
            splices.push((node.span.clone(), element));
        }
        let new_xml = splice(&xml, splices);
        // Never write a part that does not read back.
        extract(part, &new_xml)?;
        replaced.insert(part.to_owned(), new_xml);
    }

    let bytes = package.write_replacing(&replaced)?;
    Ok(Written {
        bytes,
        applied,
        rejected,
    })
}

/// Finds the run `edit` lies within, or `None` if it cannot be applied.
/// Whether [`super::write`] can apply `edit` to `doc`: it lies within one run (an
/// insertion where two runs meet goes into the run before) and XML can hold its text.
pub(super) fn fits(doc: &DocxText, edit: &TextEdit) -> bool {
    plan(doc, &runs(doc), edit).is_some()
}

/// Every run of the document, in text order, with the part it is in.
fn runs(doc: &DocxText) -> Vec<Run<'_>> {
    doc.paragraphs
        .iter()
        .flat_map(|paragraph| {
            paragraph.runs.iter().map(|span| Run {
                span,
                part: &paragraph.part,
            })
        })
        .collect()
}

fn plan<'a>(doc: &DocxText, runs: &[Run<'_>], edit: &'a TextEdit) -> Option<Planned<'a>> {
    let text = &doc.text;
    if edit.start > edit.end
        || !text.is_char_boundary(edit.start)
        || !text.is_char_boundary(edit.end)
        || !edit.replacement.chars().all(xml_can_hold)
    {
        return None;
    }
    // The first run that ends after the start; for an insertion, the first
    // that ends at or after it, so that where two runs meet it goes into the
    // run before.
    let run = if edit.start == edit.end {
        runs.partition_point(|run| run.span.range.end < edit.start)
    } else {
        runs.partition_point(|run| run.span.range.end <= edit.start)
    };
    let range = &runs.get(run)?.span.range;
    if range.start <= edit.start && edit.end <= range.end {
        Some(Planned {
            run,
            local: edit.start - range.start..edit.end - range.start,
            replacement: &edit.replacement,
        })
    } else {
        None
    }
}

/// Whether two edits in the same `w:t` element cannot both be applied: they overlap,
/// or start at the same place (so which comes first would be a guess).
fn conflict(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start == b.start || (a.start < b.end && b.start < a.end)
}

/// Characters allowed in XML 1.0 text (`"\r"` is left out: it would read back
/// as `"\n"`).
fn xml_can_hold(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn mismatch(part: &str, position: u64, what: &str) -> DocxError {
    DocxError::Xml {
        part: part.to_owned(),
        position,
        message: format!("the DocxText given was not read from this package: {what}"),
    }
}

/// The markup that replaces `w:t` element `node_index`: the same element with
/// `text` and `xml:space="preserve"`; tabs and line breaks in `text` become
/// `w:tab` and `w:br` elements between `w:t` elements.
fn new_element(
    part: &str,
    xml: &[u8],
    extracted: &ExtractedPart,
    node_index: usize,
    text: &str,
) -> Result<Vec<u8>, DocxError> {
    let node = &extracted.nodes[node_index];
    let tag_error = |message: String| DocxError::Xml {
        part: part.to_owned(),
        position: node.start_tag.start as u64,
        message,
    };
    let tag = &xml[node.start_tag.clone()];
    let mut reader = Reader::from_reader(tag);
    let start: BytesStart<'_> = match reader.read_event() {
        Ok(Event::Start(start) | Event::Empty(start)) => start,
        Ok(_) => return Err(tag_error("expected a w:t start tag".to_owned())),
        Err(err) => return Err(tag_error(err.to_string())),
    };
    let name = start.name();
    let name = name.as_ref();
    let prefix = name
        .iter()
        .position(|&b| b == b':')
        .map_or(&b""[..], |colon| &name[..=colon]);

    let mut open = Vec::with_capacity(tag.len() + 24);
    open.push(b'<');
    open.extend_from_slice(name);
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|err| tag_error(err.to_string()))?;
        if attribute.key.as_ref() == b"xml:space" {
            continue;
        }
        open.push(b' ');
        open.extend_from_slice(attribute.key.as_ref());
        open.extend_from_slice(b"=\"");
        // The value is still escaped as in the source; only a double quote
        // (possible inside single quotes) needs escaping again.
        for &byte in attribute.value.as_ref() {
            if byte == b'"' {
                open.extend_from_slice(b"&quot;");
            } else {
                open.push(byte);
            }
        }
        open.push(b'"');
    }
    open.extend_from_slice(b" xml:space=\"preserve\">");

    let close = [&b"</"[..], name, b">"].concat();
    let mut out = Vec::with_capacity(open.len() + text.len() + close.len());
    if text.is_empty() {
        // Keep the element even when its text is now empty.
        out.extend_from_slice(&open);
        out.extend_from_slice(&close);
    }
    for piece in text.split_inclusive(['\t', '\n']) {
        let (words, separator) = match piece.strip_suffix('\t') {
            Some(words) => (words, Some(&b"tab/>"[..])),
            None => match piece.strip_suffix('\n') {
                Some(words) => (words, Some(&b"br/>"[..])),
                None => (piece, None),
            },
        };
        if !words.is_empty() {
            out.extend_from_slice(&open);
            out.extend_from_slice(partial_escape(words).as_bytes());
            out.extend_from_slice(&close);
        }
        if let Some(separator) = separator {
            out.push(b'<');
            out.extend_from_slice(prefix);
            out.extend_from_slice(separator);
        }
    }
    Ok(out)
}

/// `xml` with each span replaced by the bytes given.
fn splice(xml: &[u8], mut splices: Vec<(Range<usize>, Vec<u8>)>) -> Vec<u8> {
    splices.sort_by_key(|(span, _)| span.start);
    let mut out = Vec::with_capacity(xml.len() + 64 * splices.len());
    let mut copied = 0;
    for (span, replacement) in splices {
        out.extend_from_slice(&xml[copied..span.start]);
        out.extend_from_slice(&replacement);
        copied = span.end;
    }
    out.extend_from_slice(&xml[copied..]);
    out
}
