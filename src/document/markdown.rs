//! Markdown through pulldown-cmark's offset iterator: paragraphs, headings, list items,
//! block quotes and table cells become blocks; code and HTML become masks.

use super::{BlockKind, Mask, MaskKind, Piece, RawBlock};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub(crate) fn blocks(src: &str, masks: &mut Vec<Mask>) -> Vec<RawBlock> {
    let mut out = Vec::new();
    let mut current: Option<RawBlock> = None;
    let mut quote_depth = 0usize;
    let mut item_open = false;
    let mut in_code = false;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (ev, r) in Parser::new_ext(src, opts).into_offset_iter() {
        match ev {
            Event::Start(tag) => match tag {
                Tag::Paragraph | Tag::Heading { .. } | Tag::TableCell => {
                    flush(&mut current, &mut out);
                    let kind = match tag {
                        Tag::Heading { level, .. } => BlockKind::Heading(level as u8),
                        _ if quote_depth > 0 => BlockKind::Quote,
                        _ if item_open => BlockKind::ListItem,
                        _ => BlockKind::Paragraph,
                    };
                    item_open = false;
                    current = Some(RawBlock {
                        kind,
                        range: r,
                        pieces: Vec::new(),
                    });
                }
                Tag::Item => {
                    flush(&mut current, &mut out);
                    item_open = true;
                }
                Tag::BlockQuote(_) => {
                    flush(&mut current, &mut out);
                    quote_depth += 1;
                }
                Tag::CodeBlock(_) => {
                    flush(&mut current, &mut out);
                    masks.push(Mask {
                        kind: MaskKind::Code,
                        range: r,
                    });
                    in_code = true;
                }
                Tag::HtmlBlock => {
                    flush(&mut current, &mut out);
                    masks.push(Mask {
                        kind: MaskKind::Html,
                        range: r,
                    });
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::TableCell | TagEnd::Item => {
                    flush(&mut current, &mut out);
                    item_open = false;
                }
                TagEnd::BlockQuote(_) => {
                    flush(&mut current, &mut out);
                    quote_depth = quote_depth.saturating_sub(1);
                }
                TagEnd::CodeBlock => in_code = false,
                _ => {}
            },
            Event::Text(t) if !in_code => {
                let piece = if src.get(r.clone()) == Some(&*t) {
                    Piece::Text(r.clone())
                } else {
                    Piece::Replaced(r.clone(), t.to_string())
                };
                open(&mut current, item_open, quote_depth, &r)
                    .pieces
                    .push(piece);
            }
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::FootnoteReference(_) => {
                let kind = if matches!(ev, Event::InlineHtml(_)) {
                    MaskKind::Html
                } else {
                    MaskKind::Code
                };
                masks.push(Mask {
                    kind,
                    range: r.clone(),
                });
                open(&mut current, item_open, quote_depth, &r)
                    .pieces
                    .push(Piece::Masked(r));
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = current.as_mut() {
                    c.pieces.push(Piece::Break(r));
                }
            }
            Event::Html(_) => masks.push(Mask {
                kind: MaskKind::Html,
                range: r,
            }),
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

fn open<'b>(
    current: &'b mut Option<RawBlock>,
    item: bool,
    quote: usize,
    r: &std::ops::Range<usize>,
) -> &'b mut RawBlock {
    let block = current.get_or_insert_with(|| RawBlock {
        kind: if quote > 0 {
            BlockKind::Quote
        } else if item {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        },
        range: r.clone(),
        pieces: Vec::new(),
    });
    block.range.start = block.range.start.min(r.start);
    block.range.end = block.range.end.max(r.end);
    block
}

fn flush(current: &mut Option<RawBlock>, out: &mut Vec<RawBlock>) {
    if let Some(b) = current.take() {
        if !b.pieces.is_empty() {
            out.push(b);
        }
    }
}
