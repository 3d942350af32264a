use super::*;

fn patterns() -> MaskPatterns {
    let pack = crate::rules::Pack::builtin().expect("built-in pack");
    MaskPatterns::new(
        &pack.document.placeholders,
        &pack.document.urls,
        &pack.document.emails,
    )
    .unwrap()
    .with_abbreviations(&pack.document.abbreviations)
}

#[test]
fn line_index_counts_characters_not_bytes() {
    let text = "Dear Zoë,\n\n“I’m sorry,” said Siân.\n";
    let idx = LineIndex::new(text);
    let at = text.find("Siân").unwrap();
    assert_eq!(idx.line_col(text, at), (3, 19));
    let after_zoe = text.find(',').unwrap();
    assert_eq!(idx.line_col(text, after_zoe), (1, 9));
    // an offset inside a multi-byte character is clamped to its start
    let inside = text.find('ë').unwrap() + 1;
    assert_eq!(idx.line_col(text, inside), (1, 8));
    assert_eq!(idx.line_col(text, text.len()), (4, 1));
    let line3 = text.find('“').unwrap();
    assert_eq!(idx.line_range(text, 3), Some(line3..text.len() - 1));
}

#[test]
fn line_index_handles_crlf_and_empty() {
    let text = "a\r\nb";
    let idx = LineIndex::new(text);
    assert_eq!(idx.line_col(text, 3), (2, 1));
    assert_eq!(idx.line_range(text, 1), Some(0..1));
    assert_eq!(LineIndex::new("").line_col("", 0), (1, 1));
}

#[test]
fn plain_text_joins_wrapped_lines_and_normalises_quotes() {
    let src = "Dear Mrs Brown,\n\nWe are sorry if\nyou feel we didn’t  call you –\nback.\n";
    let doc = Document::parse(src, Format::Text, &patterns());
    assert_eq!(
        doc.norm,
        "Dear Mrs Brown,\nWe are sorry if you feel we didn't call you - back.\n"
    );
    let i = doc.norm.find("sorry if you").unwrap();
    let r = doc.src_range(i..i + "sorry if you".len());
    assert_eq!(&src[r], "sorry if\nyou");
    let j = doc.norm.find("didn't").unwrap();
    assert_eq!(&src[doc.src_range(j..j + 6)], "didn’t");
}

#[test]
fn placeholders_urls_and_emails_are_not_prose() {
    let src = "Dear {{name}},\n\nContact [Officer name] at jo.bloggs@example.gov.uk or www.lgo.org.uk. Date: <<date>>, «field», $ref$ and [[say what went wrong]].\n";
    let doc = Document::parse(src, Format::Text, &patterns());
    assert!(!doc.norm.contains("name"), "{}", doc.norm);
    assert!(!doc.norm.contains("lgo"));
    assert!(!doc.norm.contains("bloggs"));
    assert!(!doc.norm.contains("date"));
    assert!(!doc.norm.contains("field"));
    assert!(!doc.norm.contains("went wrong"));
    let kinds: Vec<MaskKind> = doc.masks.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == MaskKind::Placeholder)
            .count(),
        6
    );
    assert!(kinds.contains(&MaskKind::Email) && kinds.contains(&MaskKind::Url));
    let url = doc.masks.iter().find(|m| m.kind == MaskKind::Url).unwrap();
    assert_eq!(&src[url.range.clone()], "www.lgo.org.uk");
}

#[test]
fn markdown_blocks_code_and_links() {
    let src = "# Our decision\n\nWe **did not** call you back. See `code here` and [our policy](https://example.org/p).\n\n- first point\n- second\n  point\n\n> You said \"sorry\"\n\n```\nsorry if you feel\n```\n";
    let doc = Document::parse(src, Format::Markdown, &patterns());
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Heading(1),
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::Quote
        ]
    );
    assert!(doc.norm.contains("We did not call you back."));
    assert!(doc.norm.contains("our policy"));
    assert!(!doc.norm.contains("code here"));
    assert!(!doc.norm.contains("sorry if you feel"));
    assert!(doc.norm.contains("second point"));
    let i = doc.norm.find("did not").unwrap();
    assert_eq!(&src[doc.src_range(i..i + 7)], "did not");
    assert!(
        doc.in_quote(&(doc.norm.find("You said").unwrap()..doc.norm.find("You said").unwrap() + 3))
    );
}

#[test]
fn quotes_but_not_apostrophes() {
    let src = "You said 'the officer was at fault' and the officer's notes say “no”.\n";
    let doc = Document::parse(src, Format::Text, &patterns());
    let at = doc.norm.find("was at fault").unwrap();
    assert!(doc.in_quote(&(at..at + 12)));
    let notes = doc.norm.find("officer's notes").unwrap();
    assert!(!doc.in_quote(&(notes..notes + 5)));
    let no = doc.norm.find("no\"").unwrap();
    assert!(doc.in_quote(&(no..no + 2)));
}

#[test]
fn plain_lists_and_headings() {
    let src = "What we found\n\n1. You said we were late.\n2. You said we were rude\n   and unhelpful.\n\n- a bullet\n";
    let doc = Document::parse(src, Format::Text, &patterns());
    let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        vec![
            BlockKind::Heading(2),
            BlockKind::ListItem,
            BlockKind::ListItem,
            BlockKind::ListItem
        ]
    );
    assert_eq!(doc.block_text(2), "You said we were rude and unhelpful.");
}

#[test]
fn sentences_do_not_split_at_titles() {
    let src = "You met Mr. Smith on Monday. He was late.\n";
    let doc = Document::parse(src, Format::Text, &patterns());
    let s: Vec<&str> = doc
        .sentences()
        .iter()
        .map(|r| &doc.norm[r.clone()])
        .collect();
    assert_eq!(s, vec!["You met Mr. Smith on Monday.", "He was late."]);
}

#[test]
fn a_placeholder_longer_than_the_limit_is_prose() {
    let p = patterns();
    let field = format!(
        "Dear {{{{name}}}}, {{{{ {} }}}} and {{{{date}}}}.",
        "x".repeat(500)
    );
    let found: Vec<&str> = p
        .find(&field, false)
        .into_iter()
        .map(|m| &field[m.range])
        .collect();
    assert_eq!(found, ["{{name}}", "{{date}}"]);
    let short = p.with_placeholder_max_chars(6);
    let lens: Vec<usize> = short
        .find("{{ab}} {{abcdef}}", false)
        .into_iter()
        .map(|m| m.range.len())
        .collect();
    assert_eq!(lens, [6]);
}

#[test]
fn an_empty_matching_user_placeholder_does_not_loop() {
    let p = MaskPatterns::new(&["x*".to_string()], &[], &[]).unwrap();
    let masks = p.find("aé xx b", false);
    assert_eq!(masks.len(), 1);
    assert_eq!(masks[0].range, 4..6);
}
