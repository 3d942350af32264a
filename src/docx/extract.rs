//! Streaming text extraction from one WordprocessingML part.

use std::ops::Range;

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use super::DocxError;

/// WordprocessingML's namespace (transitional, as Word writes it).
const W_NS: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// WordprocessingML's namespace in ISO 29500 strict documents.
const W_STRICT_NS: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Markup compatibility (`mc:AlternateContent` and friends).
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The text of one part.
#[derive(Debug, Default)]
pub(super) struct ExtractedPart {
    /// Paragraphs in output order.
    pub(super) paragraphs: Vec<ExtractedParagraph>,
    /// Every `w:t` element of the part, in document order.
    pub(super) nodes: Vec<TextNode>,
}

/// One paragraph, with ranges relative to its own text.
#[derive(Debug, Default)]
pub(super) struct ExtractedParagraph {
    pub(super) style: Option<String>,
    pub(super) text: String,
    pub(super) runs: Vec<ExtractedRun>,
}

/// A stretch of a paragraph's text that came from one `w:t` element.
#[derive(Debug)]
pub(super) struct ExtractedRun {
    pub(super) range: Range<usize>,
    pub(super) node: usize,
}

/// One `w:t` element.
#[derive(Debug)]
pub(super) struct TextNode {
    /// Where the whole element (start tag to end tag) is in the part's bytes.
    pub(super) span: Range<usize>,
    /// Where its start tag (or its only tag, if empty) is in the part's bytes.
    pub(super) start_tag: Range<usize>,
    /// The text it contributes to a paragraph; empty if none.
    pub(super) text: String,
}

/// Extracts the paragraphs of `xml`, the part called `part` (for errors).
pub(super) fn extract(part: &str, xml: &[u8]) -> Result<ExtractedPart, DocxError> {
    // Word writes UTF-8; other encodings are not supported.
    if let Err(err) = std::str::from_utf8(xml) {
        return Err(xml_error(
            part,
            err.valid_up_to() as u64,
            "not UTF-8 text".to_owned(),
        ));
    }
    // The reader would skip a byte order mark without counting it in its
    // positions, so it never sees one.
    let bom = if xml.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut reader = NsReader::from_reader(&xml[bom..]);
    let mut state = State::default();
    let mut seen_element = false;
    loop {
        let before = position(reader.buffer_position(), bom);
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (classify(&ns), event),
            Err(err) => {
                let at = position(reader.error_position(), bom);
                return Err(xml_error(part, at as u64, err.to_string()));
            }
        };
        let after = position(reader.buffer_position(), bom);
        let fail = |message: String| xml_error(part, before as u64, message);
        match event {
            Event::Start(start) => {
                seen_element = true;
                let element = Element::new(ns, &start, reader.resolver()).map_err(fail)?;
                state.start(element, before..after).map_err(fail)?;
            }
            Event::Empty(start) => {
                seen_element = true;
                let element = Element::new(ns, &start, reader.resolver()).map_err(fail)?;
                let local = element.local;
                state.start(element, before..after).map_err(fail)?;
                state.end(local, after);
            }
            Event::End(end) => {
                state.end(Local::of(ns, end.local_name().as_ref()), after);
            }
            Event::Text(text) => {
                if state.collecting_text() {
                    let text = text.xml10_content().map_err(|e| fail(e.to_string()))?;
                    state.push_text(&text);
                }
            }
            Event::CData(data) => {
                if state.collecting_text() {
                    let text = data.xml10_content().map_err(|e| fail(e.to_string()))?;
                    state.push_text(&text);
                }
            }
            Event::GeneralRef(reference) => {
                if state.collecting_text() {
                    state.push_text(&resolve_reference(&reference).map_err(fail)?);
                }
            }
            Event::DocType(_) => return Err(fail("DOCTYPE not allowed".to_owned())),
            Event::Eof => {
                if state.depth != 0 {
                    return Err(fail(format!(
                        "the part ends with {} element(s) still open",
                        state.depth
                    )));
                }
                if !seen_element {
                    return Err(fail("no root element".to_owned()));
                }
                break;
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    Ok(state.finish())
}

/// A reader position as an offset in the whole part.
fn position(position: u64, bom: usize) -> usize {
    // The reader works on a slice in memory, so this always fits.
    usize::try_from(position).map_or(usize::MAX, |position| position + bom)
}

fn xml_error(part: &str, position: u64, message: String) -> DocxError {
    DocxError::Xml {
        part: part.to_owned(),
        position,
        message,
    }
}

/// Resolves `&name;` or `&#n;`. Only XML's five predefined entities exist:
/// nothing is ever looked up elsewhere.
fn resolve_reference(reference: &BytesRef<'_>) -> Result<String, String> {
    if let Some(ch) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(ch.to_string());
    }
    let name = reference.decode().map_err(|e| e.to_string())?;
    resolve_xml_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| format!("unknown entity &{name};"))
}

/// Which namespace an element is in, as far as extraction cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

fn classify(ns: &ResolveResult<'_>) -> Ns {
    match ns {
        ResolveResult::Bound(ns) if ns.as_ref() == W_NS || ns.as_ref() == W_STRICT_NS => Ns::W,
        ResolveResult::Bound(ns) if ns.as_ref() == MC_NS => Ns::Mc,
        _ => Ns::Other,
    }
}

/// The elements extraction reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Local {
    P,
    PPr,
    PStyle,
    R,
    T,
    Tab,
    Break,
    NoBreakHyphen,
    FldChar,
    /// `w:del` and `w:moveFrom`: deleted content, or a deleted paragraph mark.
    Deleted,
    /// Elements whose whole content is never shown.
    Hidden,
    Other,
}

impl Local {
    fn of(ns: Ns, local: &[u8]) -> Local {
        match (ns, local) {
            (Ns::W, b"p") => Local::P,
            (Ns::W, b"pPr") => Local::PPr,
            (Ns::W, b"pStyle") => Local::PStyle,
            (Ns::W, b"r") => Local::R,
            (Ns::W, b"t") => Local::T,
            (Ns::W, b"tab" | b"ptab") => Local::Tab,
            (Ns::W, b"br" | b"cr") => Local::Break,
            (Ns::W, b"noBreakHyphen") => Local::NoBreakHyphen,
            (Ns::W, b"fldChar") => Local::FldChar,
            (Ns::W, b"del" | b"moveFrom") => Local::Deleted,
            (Ns::W, b"delText" | b"instrText" | b"delInstrText" | b"pPrChange" | b"rPrChange")
            | (Ns::Mc, b"Fallback") => Local::Hidden,
            _ => Local::Other,
        }
    }
}

/// What extraction needs from a start tag.
struct Element {
    local: Local,
    /// `xml:space` on this element: `Some(true)` for `preserve`.
    space: Option<bool>,
    /// `w:val` (for `w:pStyle`) or `w:fldCharType` (for `w:fldChar`).
    value: Option<String>,
}

impl Element {
    fn new(
        ns: Ns,
        start: &BytesStart<'_>,
        resolver: &quick_xml::name::NamespaceResolver,
    ) -> Result<Element, String> {
        let local = Local::of(ns, start.local_name().as_ref());
        let wanted: &[u8] = match local {
            Local::PStyle => b"val",
            Local::FldChar => b"fldCharType",
            _ => b"",
        };
        let mut element = Element {
            local,
            space: None,
            value: None,
        };
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| e.to_string())?;
            if attribute.key.as_ref() == b"xml:space" {
                element.space = Some(attribute.value.as_ref() == b"preserve");
                continue;
            }
            if wanted.is_empty() {
                continue;
            }
            let (attr_ns, attr_local) = resolver.resolve_attribute(attribute.key);
            if classify(&attr_ns) == Ns::W && attr_local.as_ref() == wanted {
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|e| e.to_string())?;
                element.value = Some(value.into_owned());
            }
        }
        Ok(element)
    }
}

/// A paragraph being built.
#[derive(Debug, Default)]
struct OpenParagraph {
    paragraph: ExtractedParagraph,
    /// Open `w:r` elements in this paragraph.
    runs: usize,
    /// Depth of this paragraph's `w:pPr`, while inside it.
    properties_depth: Option<usize>,
    /// The paragraph mark is a tracked deletion.
    mark_deleted: bool,
}

/// The `w:t` element being read.
#[derive(Debug)]
struct OpenText {
    depth: usize,
    start_tag: Range<usize>,
    preserve: bool,
    /// Whether the text is shown (and so goes into the paragraph).
    shown: bool,
    text: String,
}

#[derive(Debug, Default)]
struct State {
    out: ExtractedPart,
    /// Open elements.
    depth: usize,
    /// `xml:space="preserve"` in force, for each open element.
    preserve: Vec<bool>,
    /// Open paragraphs; more than one where paragraphs nest (text boxes).
    paragraphs: Vec<OpenParagraph>,
    /// A paragraph whose mark was deleted, with the nesting level it was at:
    /// the next paragraph at that level carries on from it.
    carried: Option<(usize, OpenParagraph)>,
    /// Depth of the element whose content is being left out, if any.
    hidden_depth: Option<usize>,
    /// Open complex fields: `true` once past `separate` (showing the result).
    fields: Vec<bool>,
    text: Option<OpenText>,
}

impl State {
    fn start(&mut self, element: Element, tag: Range<usize>) -> Result<(), String> {
        self.depth += 1;
        let inherited = self.preserve.last().copied().unwrap_or(false);
        self.preserve.push(element.space.unwrap_or(inherited));

        if element.local == Local::T {
            if self.text.is_some() {
                return Err("w:t inside w:t".to_owned());
            }
            let shown = self.text_shown();
            self.text = Some(OpenText {
                depth: self.depth,
                start_tag: tag,
                preserve: element.space.unwrap_or(inherited),
                shown,
                text: String::new(),
            });
            return Ok(());
        }
        if self.hidden_depth.is_some() {
            return Ok(());
        }
        let depth = self.depth;
        if let Some(paragraph) = self.paragraphs.last_mut() {
            if paragraph.properties_depth.is_some() {
                // Inside w:pPr only the style and a deleted mark matter.
                match element.local {
                    Local::PStyle if paragraph.paragraph.style.is_none() => {
                        paragraph.paragraph.style = element.value;
                    }
                    Local::Deleted => paragraph.mark_deleted = true,
                    Local::Hidden => self.hidden_depth = Some(depth),
                    _ => {}
                }
                return Ok(());
            }
        }
        match element.local {
            Local::P => self.start_paragraph(),
            Local::PPr => {
                if let Some(paragraph) = self.paragraphs.last_mut() {
                    if paragraph.runs == 0 {
                        paragraph.properties_depth = Some(depth);
                    }
                }
            }
            Local::R => {
                if let Some(paragraph) = self.paragraphs.last_mut() {
                    paragraph.runs += 1;
                }
            }
            Local::Tab => self.push_run_text("\t"),
            Local::Break => self.push_run_text("\n"),
            Local::NoBreakHyphen => self.push_run_text("-"),
            Local::FldChar => match element.value.as_deref() {
                Some("begin") => self.fields.push(false),
                Some("separate") => {
                    if let Some(field) = self.fields.last_mut() {
                        *field = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            Local::Deleted | Local::Hidden => self.hidden_depth = Some(depth),
            Local::PStyle | Local::T | Local::Other => {}
        }
        Ok(())
    }

    fn end(&mut self, local: Local, end: usize) {
        let depth = self.depth;
        if local == Local::T && self.text.as_ref().is_some_and(|t| t.depth == depth) {
            self.end_text(end);
        } else if self.hidden_depth == Some(depth) {
            self.hidden_depth = None;
        } else if self.hidden_depth.is_none() {
            match local {
                Local::P => self.end_paragraph(),
                Local::PPr => {
                    if let Some(paragraph) = self.paragraphs.last_mut() {
                        if paragraph.properties_depth == Some(depth) {
                            paragraph.properties_depth = None;
                        }
                    }
                }
                Local::R => {
                    if let Some(paragraph) = self.paragraphs.last_mut() {
                        if paragraph.properties_depth.is_none() {
                            paragraph.runs = paragraph.runs.saturating_sub(1);
                        }
                    }
                }
                _ => {}
            }
        }
        self.preserve.pop();
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether text at this point is shown: inside a run of a paragraph, not
    /// in left-out content or a field's instructions.
    fn text_shown(&self) -> bool {
        self.hidden_depth.is_none()
            && self.fields.iter().all(|&result| result)
            && self
                .paragraphs
                .last()
                .is_some_and(|p| p.runs > 0 && p.properties_depth.is_none())
    }

    fn collecting_text(&self) -> bool {
        self.text.as_ref().is_some_and(|t| t.shown)
    }

    fn push_text(&mut self, text: &str) {
        if let Some(open) = self.text.as_mut() {
            open.text.push_str(text);
        }
    }

    /// Adds text from an element such as `w:tab`, if shown here.
    fn push_run_text(&mut self, text: &str) {
        if self.text_shown() {
            if let Some(paragraph) = self.paragraphs.last_mut() {
                paragraph.paragraph.text.push_str(text);
            }
        }
    }

    fn end_text(&mut self, end: usize) {
        let Some(open) = self.text.take() else {
            return;
        };
        let node = self.out.nodes.len();
        let text = if open.preserve {
            open.text
        } else {
            open.text
                .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
                .to_owned()
        };
        if open.shown && !text.is_empty() {
            if let Some(paragraph) = self.paragraphs.last_mut() {
                let paragraph = &mut paragraph.paragraph;
                let from = paragraph.text.len();
                paragraph.text.push_str(&text);
                paragraph.runs.push(ExtractedRun {
                    range: from..paragraph.text.len(),
                    node,
                });
            }
        }
        let text = if open.shown { text } else { String::new() };
        self.out.nodes.push(TextNode {
            span: open.start_tag.start..end,
            start_tag: open.start_tag,
            text,
        });
    }

    fn start_paragraph(&mut self) {
        let level = self.paragraphs.len();
        let paragraph = match self.carried.take() {
            Some((carried_level, mut carried)) if carried_level == level => {
                // The surviving mark's properties are the joined paragraph's.
                carried.paragraph.style = None;
                carried.mark_deleted = false;
                carried
            }
            other => {
                self.carried = other;
                OpenParagraph::default()
            }
        };
        self.paragraphs.push(paragraph);
    }

    fn end_paragraph(&mut self) {
        let Some(mut paragraph) = self.paragraphs.pop() else {
            return;
        };
        let level = self.paragraphs.len();
        if self
            .carried
            .as_ref()
            .is_some_and(|(carried_level, _)| *carried_level > level)
        {
            self.flush_carried();
        }
        paragraph.runs = 0;
        paragraph.properties_depth = None;
        if paragraph.mark_deleted {
            self.flush_carried();
            self.carried = Some((level, paragraph));
        } else {
            self.out.paragraphs.push(paragraph.paragraph);
        }
    }

    fn flush_carried(&mut self) {
        if let Some((_, paragraph)) = self.carried.take() {
            self.out.paragraphs.push(paragraph.paragraph);
        }
    }

    fn finish(mut self) -> ExtractedPart {
        self.flush_carried();
        self.out
    }
}
