use std::io::{Cursor, Read};

use super::testutil::{
    document_xml, make_docx, make_docx_with_parts, make_zip, make_zip_bomb, ZIP_BOMB_SIZE,
};
use super::*;

fn read_body(xml: &str) -> DocxText {
    read(&make_docx(xml), &Limits::default(), false).expect("fixture reads")
}

/// A paragraph of one run per piece of text given.
fn p(runs: &[&str]) -> String {
    let runs: String = runs
        .iter()
        .map(|text| format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#))
        .collect();
    format!("<w:p>{runs}</w:p>")
}

fn texts(doc: &DocxText) -> Vec<&str> {
    doc.paragraphs
        .iter()
        .map(|paragraph| &doc.text[paragraph.range.clone()])
        .collect()
}

fn run_texts(doc: &DocxText, paragraph: usize) -> Vec<&str> {
    doc.paragraphs[paragraph]
        .runs
        .iter()
        .map(|run| &doc.text[run.range.clone()])
        .collect()
}

fn edit(doc: &DocxText, old: &str, new: &str) -> TextEdit {
    let start = doc.text.find(old).expect("text to edit is there");
    TextEdit {
        start,
        end: start + old.len(),
        replacement: new.to_owned(),
    }
}

/// `text` with the edits at the given indexes applied.
fn apply(text: &str, edits: &[TextEdit], applied: &[usize]) -> String {
    let mut chosen: Vec<&TextEdit> = applied.iter().map(|&index| &edits[index]).collect();
    chosen.sort_by_key(|edit| std::cmp::Reverse((edit.start, edit.end)));
    let mut text = text.to_owned();
    for edit in chosen {
        text.replace_range(edit.start..edit.end, &edit.replacement);
    }
    text
}

fn entry(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut file = archive.by_name(name).expect("entry");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8");
    text
}

/// Every entry's name, compression method and compressed bytes.
fn raw_entries(bytes: &[u8]) -> Vec<(String, zip::CompressionMethod, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index_raw(index).expect("entry");
            let mut raw = Vec::new();
            file.read_to_end(&mut raw).expect("raw bytes");
            (file.name().to_owned(), file.compression(), raw)
        })
        .collect()
}

// ---- Reading ----

#[test]
fn plain_paragraphs() {
    let doc = read_body(&format!("{}{}", p(&["Dear Ms Smith,"]), p(&["Thank you."])));
    assert_eq!(doc.text, "Dear Ms Smith,\n\nThank you.");
    assert_eq!(doc.paragraphs.len(), 2);
    let second = &doc.paragraphs[1];
    assert_eq!(second.number, 2);
    assert_eq!(second.range, 16..26);
    assert_eq!(second.part, "word/document.xml");
    assert_eq!(second.style, None);
    assert_eq!(
        second.runs,
        vec![RunSpan {
            range: 16..26,
            xml_text_node: 1
        }]
    );
}

#[test]
fn empty_paragraphs_count() {
    let doc = read_body(&format!(
        "{}<w:p/><w:p><w:pPr/></w:p>{}",
        p(&["a"]),
        p(&["b"])
    ));
    assert_eq!(texts(&doc), ["a", "", "", "b"]);
    assert_eq!(doc.text, "a\n\n\n\n\n\nb");
    assert_eq!(doc.paragraphs[3].number, 4);
    assert!(doc.paragraphs[1].runs.is_empty());
}

#[test]
fn runs_split_mid_word() {
    let doc = read_body(&p(&["We apolo", "gise to Zo", "ë."]));
    assert_eq!(doc.text, "We apologise to Zoë.");
    assert_eq!(run_texts(&doc, 0), ["We apolo", "gise to Zo", "ë."]);
    let nodes: Vec<usize> = doc.paragraphs[0]
        .runs
        .iter()
        .map(|run| run.xml_text_node)
        .collect();
    assert_eq!(nodes, [0, 1, 2]);
}

#[test]
fn table_cells_are_paragraphs() {
    let cell = |text: &str| format!("<w:tc><w:tcPr/>{}</w:tc>", p(&[text]));
    let xml = format!(
        "{}<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}</w:tr><w:tr><w:tc>{}{}</w:tc>{}</w:tr></w:tbl>{}",
        p(&["Before"]),
        cell("A1"),
        cell("B1"),
        p(&["A2 first"]),
        p(&["A2 second"]),
        cell("B2"),
        p(&["After"]),
    );
    let doc = read_body(&xml);
    assert_eq!(
        texts(&doc),
        ["Before", "A1", "B1", "A2 first", "A2 second", "B2", "After"]
    );
    assert_eq!(doc.paragraphs[6].number, 7);
}

#[test]
fn tabs_breaks_and_hyphens() {
    let xml = concat!(
        r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>"#,
        r#"<w:r><w:t>Ref</w:t><w:tab/><w:t>123</w:t><w:br/><w:t>line</w:t><w:cr/>"#,
        r#"<w:t>two</w:t><w:br w:type="page"/><w:t>non</w:t><w:noBreakHyphen/><w:t>break</w:t>"#,
        r#"<w:softHyphen/><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>"#,
        r#"<w:t>end</w:t></w:r></w:p>"#,
    );
    let doc = read_body(xml);
    assert_eq!(doc.text, "Ref\t123\nline\ntwo\nnon-break\tend");
    assert_eq!(
        run_texts(&doc, 0),
        ["Ref", "123", "line", "two", "non", "break", "end"]
    );
}

#[test]
fn entities_are_decoded() {
    let doc = read_body(&p(&[
        "Fish &amp; chips &lt;b&gt; &quot;x&quot; &apos;y&apos; &#8217;&#x201C;&#x201d;",
    ]));
    assert_eq!(doc.text, "Fish & chips <b> \"x\" 'y' ’“”");
    assert_eq!(doc.paragraphs[0].runs[0].range, 0..doc.text.len());
}

#[test]
fn unknown_entity_is_an_error() {
    let err = read(&make_docx(&p(&["a &nbsp; b"])), &Limits::default(), false).unwrap_err();
    match err {
        DocxError::Xml { part, message, .. } => {
            assert_eq!(part, "word/document.xml");
            assert!(message.contains("nbsp"), "{message}");
        }
        other => panic!("expected an XML error, got {other:?}"),
    }
}

#[test]
fn heading_style() {
    let xml = concat!(
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/>"#,
        r#"<w:pPrChange w:id="1" w:author="A"><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:pPrChange>"#,
        r#"</w:pPr><w:r><w:t>Our decision</w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:rPr><w:b/></w:rPr></w:pPr>"#,
        r#"<w:r><w:t>Point</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Body</w:t></w:r></w:p>"#,
    );
    let doc = read_body(xml);
    let styles: Vec<Option<&str>> = doc
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.style.as_deref())
        .collect();
    assert_eq!(styles, [Some("Heading1"), Some("ListParagraph"), None]);
}

#[test]
fn tracked_changes() {
    let xml = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">We </w:t></w:r>"#,
        r#"<w:del w:id="1" w:author="A"><w:r><w:delText>cannot</w:delText></w:r></w:del>"#,
        r#"<w:ins w:id="2" w:author="A"><w:r><w:t>will</w:t></w:r></w:ins>"#,
        r#"<w:r><w:t xml:space="preserve"> help</w:t></w:r>"#,
        r#"<w:moveFrom w:id="3" w:author="A"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>"#,
        r#"<w:r><w:rPr><w:b/><w:rPrChange w:id="4" w:author="A"><w:rPr/></w:rPrChange></w:rPr>"#,
        r#"<w:t>.</w:t></w:r></w:p>"#,
    );
    let doc = read_body(xml);
    assert_eq!(doc.text, "We will help.");
    // The w:t inside w:moveFrom is counted but not shown.
    let nodes: Vec<usize> = doc.paragraphs[0]
        .runs
        .iter()
        .map(|run| run.xml_text_node)
        .collect();
    assert_eq!(nodes, [0, 1, 2, 4]);
}

#[test]
fn deleted_paragraph_mark_joins_paragraphs() {
    let xml = concat!(
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr>"#,
        r#"<w:r><w:t xml:space="preserve">First half, </w:t></w:r></w:p>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>second half.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:t>Next.</w:t></w:r></w:p>"#,
    );
    let doc = read_body(xml);
    assert_eq!(texts(&doc), ["First half, second half.", "Next."]);
    assert_eq!(doc.paragraphs[0].style.as_deref(), Some("BodyText"));
    assert_eq!(run_texts(&doc, 0), ["First half, ", "second half."]);
    assert_eq!(doc.paragraphs[1].number, 2);
}

#[test]
fn xml_space() {
    let xml = concat!(
        r#"<w:p><w:r><w:t>  trimmed  </w:t><w:t xml:space="preserve">  kept  </w:t>"#,
        r#"<w:t xml:space="default"> dropped </w:t><w:t>   </w:t><w:t/></w:r></w:p>"#,
        r#"<w:p xml:space="preserve"><w:r><w:t> inherited </w:t></w:r></w:p>"#,
    );
    let doc = read_body(xml);
    assert_eq!(texts(&doc), ["trimmed  kept  dropped", " inherited "]);
    // Whitespace-only and empty w:t elements make no run but keep their index.
    assert_eq!(doc.paragraphs[1].runs[0].xml_text_node, 5);
}

#[test]
fn field_codes_are_left_out() {
    let xml = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org" </w:instrText></w:r>"#,
        r#"<w:r><w:t>code text</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:t>our website</w:t></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:fldSimple w:instr=" PAGE "><w:r><w:t xml:space="preserve"> (page 2)</w:t></w:r></w:fldSimple>"#,
        r#"<w:r><w:t>.</w:t></w:r></w:p>"#,
    );
    let doc = read_body(xml);
    assert_eq!(doc.text, "See our website (page 2).");
}

#[test]
fn alternate_content_and_text_boxes() {
    let xml = concat!(
        r#"<w:p><w:r><w:t xml:space="preserve">Anchor </w:t></w:r><w:r><mc:AlternateContent>"#,
        r#"<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>"#,
        r#"<w:p><w:pPr><w:pStyle w:val="BoxText"/></w:pPr><w:r><w:t>In the box</w:t></w:r></w:p>"#,
        r#"</w:txbxContent></wps:txbx></w:drawing></mc:Choice>"#,
        r#"<mc:Fallback><w:pict><v:textbox><w:txbxContent>"#,
        r#"<w:p><w:r><w:t>In the box</w:t></w:r></w:p>"#,
        r#"</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
        r#"<w:r><w:t>text.</w:t></w:r></w:p>"#,
    );
    let doc = read_body(xml);
    assert_eq!(texts(&doc), ["In the box", "Anchor text."]);
    assert_eq!(doc.paragraphs[0].style.as_deref(), Some("BoxText"));
    assert_eq!(doc.paragraphs[1].style, None);
    let nodes: Vec<usize> = doc.paragraphs[1]
        .runs
        .iter()
        .map(|run| run.xml_text_node)
        .collect();
    assert_eq!(nodes, [0, 3]);
}

#[test]
fn non_ascii_text() {
    let doc = read_body(&format!(
        "{}{}",
        p(&["Dear Zoë and Siân,"]),
        p(&["We’re sorry: “it was our fault”."])
    ));
    assert_eq!(
        doc.text,
        "Dear Zoë and Siân,\n\nWe’re sorry: “it was our fault”."
    );
    let second = &doc.paragraphs[1];
    assert_eq!(second.range.start, "Dear Zoë and Siân,\n\n".len());
    assert_eq!(
        &doc.text[second.range.clone()],
        "We’re sorry: “it was our fault”."
    );
}

#[test]
fn namespace_prefix_does_not_matter() {
    let xml = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<doc xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
        r#"xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main" xmlns:o="urn:other">"#,
        r#"<body><p><r><t>Default</t></r></p><x:p><x:r><x:t>Strict</x:t></x:r></x:p>"#,
        r#"<o:p><o:r><o:t>Not Word</o:t></o:r></o:p></body></doc>"#,
    );
    let bytes = make_zip(&[("word/document.xml", xml.as_bytes())]);
    let doc = read(&bytes, &Limits::default(), false).unwrap();
    assert_eq!(doc.text, "Default\n\nStrict");
}

#[test]
fn headers_and_footers_only_when_asked() {
    let bytes = make_docx_with_parts(
        &p(&["Body"]),
        &[
            ("word/footer1.xml", &p(&["Footer"])),
            ("word/header10.xml", &p(&["Header ten"])),
            ("word/header2.xml", &p(&["Header two"])),
        ],
    );
    let body_only = read(&bytes, &Limits::default(), false).unwrap();
    assert_eq!(body_only.text, "Body");

    let all = read(&bytes, &Limits::default(), true).unwrap();
    assert_eq!(texts(&all), ["Body", "Header two", "Header ten", "Footer"]);
    let parts: Vec<&str> = all.paragraphs.iter().map(|p| p.part.as_str()).collect();
    assert_eq!(
        parts,
        [
            "word/document.xml",
            "word/header2.xml",
            "word/header10.xml",
            "word/footer1.xml"
        ]
    );
    assert_eq!(all.paragraphs[3].number, 4);
    // Indexes of w:t elements count within each part.
    assert_eq!(all.paragraphs[3].runs[0].xml_text_node, 0);
}

// ---- Refusing bad input ----

#[test]
fn doctype_is_refused() {
    let xml = concat!(
        r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#,
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
        r#"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"#,
    );
    let bytes = make_zip(&[("word/document.xml", xml.as_bytes())]);
    match read(&bytes, &Limits::default(), false).unwrap_err() {
        DocxError::Xml {
            part,
            position,
            message,
        } => {
            assert_eq!(part, "word/document.xml");
            assert_eq!(message, "DOCTYPE not allowed");
            assert_eq!(position, 21);
        }
        other => panic!("expected an XML error, got {other:?}"),
    }
}

#[test]
fn malformed_xml_is_an_error() {
    for (xml, position) in [
        ("<w:document><w:body></w:document>", None),
        ("<w:p><w:r><w:t>open", None),
        ("not xml at all", None),
        ("", None),
        ("<a>\u{FFFD}</b>", None),
        ("<w:t>x</w:t><w:t>y</w:t><", Some(24)),
    ] {
        let bytes = make_zip(&[("word/document.xml", xml.as_bytes())]);
        match read(&bytes, &Limits::default(), false) {
            Err(DocxError::Xml {
                part, position: at, ..
            }) => {
                assert_eq!(part, "word/document.xml");
                if let Some(position) = position {
                    assert_eq!(at, position, "{xml}");
                }
            }
            other => panic!("{xml:?}: expected an XML error, got {other:?}"),
        }
    }
    let invalid_utf8 = make_zip(&[("word/document.xml", b"<w:t>\xff\xfe</w:t>")]);
    match read(&invalid_utf8, &Limits::default(), false) {
        Err(DocxError::Xml {
            position, message, ..
        }) => assert_eq!((position, message.as_str()), (5, "not UTF-8 text")),
        other => panic!("expected an XML error, got {other:?}"),
    }
}

#[test]
fn missing_document() {
    let bytes = make_zip(&[("word/other.xml", b"<x/>")]);
    assert!(matches!(
        read(&bytes, &Limits::default(), false),
        Err(DocxError::MissingDocument)
    ));
}

#[test]
fn random_bytes_and_truncated_zips_are_errors() {
    assert!(matches!(
        read(b"", &Limits::default(), false),
        Err(DocxError::NotZip(_))
    ));
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for length in [1, 22, 100, 4096] {
        let bytes: Vec<u8> = (0..length).map(|_| rng.next() as u8).collect();
        assert!(matches!(
            read(&bytes, &Limits::default(), false),
            Err(DocxError::NotZip(_))
        ));
    }
    let good = make_docx(&p(&["Some text that will be cut short."]));
    for cut in 0..good.len() {
        let result = read(&good[..cut], &Limits::default(), false);
        assert!(result.is_err(), "cut at {cut} of {} read", good.len());
    }
}

#[test]
fn damaged_zips_never_panic() {
    let good = make_docx(&format!("{}{}", p(&["Alpha beta"]), p(&["Gamma"])));
    let mut rng = XorShift(42);
    for _ in 0..2_000 {
        let mut bytes = good.clone();
        for _ in 0..1 + rng.next() % 4 {
            let at = (rng.next() as usize) % bytes.len();
            bytes[at] = rng.next() as u8;
        }
        if let Ok(doc) = read(&bytes, &Limits::default(), true) {
            let edits = [TextEdit {
                start: 0,
                end: doc.text.len().min(1),
                replacement: "X".to_owned(),
            }];
            let _ = write(&bytes, &doc, &edits, &Limits::default());
        }
    }
}

#[test]
fn mangled_xml_never_panics() {
    let xml = document_xml(&format!(
        "{}{}<w:p><w:r><w:t>x &amp; y</w:t><w:tab/></w:r></w:p>",
        p(&["Alpha ", "beta"]),
        p(&["Zoë"])
    ));
    let mut rng = XorShift(7);
    for _ in 0..2_000 {
        let mut mangled = xml.clone().into_bytes();
        match rng.next() % 3 {
            0 => mangled.truncate((rng.next() as usize) % mangled.len()),
            1 => {
                let at = (rng.next() as usize) % mangled.len();
                mangled[at] = b"<>/&;=\" x\xc3"[(rng.next() % 10) as usize];
            }
            _ => {
                let at = (rng.next() as usize) % mangled.len();
                mangled.remove(at);
            }
        }
        let bytes = make_zip(&[("word/document.xml", &mangled)]);
        if let Ok(doc) = read(&bytes, &Limits::default(), false) {
            let edits: Vec<TextEdit> = doc
                .paragraphs
                .iter()
                .flat_map(|paragraph| &paragraph.runs)
                .map(|run| TextEdit {
                    start: run.range.start,
                    end: run.range.start,
                    replacement: "é".to_owned(),
                })
                .collect();
            let written = write(&bytes, &doc, &edits, &Limits::default()).expect("writes");
            let again = read(&written.bytes, &Limits::default(), false).expect("reads back");
            let applied: Vec<usize> = (0..edits.len())
                .filter(|index| !written.rejected.contains(index))
                .collect();
            assert_eq!(again.text, apply(&doc.text, &edits, &applied));
        }
    }
}

/// A small deterministic generator for the no-panic tests.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

// ---- Limits ----

fn assert_too_large(bytes: &[u8], limits: &Limits) {
    let result = read(bytes, limits, false);
    assert!(
        matches!(result, Err(DocxError::TooLarge(_))),
        "expected TooLarge, got {result:?}"
    );
}

#[test]
fn zip_bomb_declaring_its_size() {
    let declared = u32::try_from(ZIP_BOMB_SIZE).unwrap();
    let bomb = make_zip_bomb("word/document.xml", declared);
    assert!(bomb.len() < 7_000_000);
    assert_too_large(&bomb, &Limits::default());
}

#[test]
fn zip_bomb_lying_about_its_size() {
    // Declares 1 kB, inflates to 1 GiB: only reading stops it.
    let bomb = make_zip_bomb("word/document.xml", 1_000);
    assert_too_large(&bomb, &Limits::default());
    let err = read(&bomb, &Limits::default(), false).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the .docx file is too large: word/document.xml decompresses to more than the limit of 50000000 bytes"
    );
}

#[test]
fn zip_bomb_written_by_the_zip_writer() {
    use std::io::Write;
    // Streaming deflate of a repeated buffer, kept to 8 MB (a gigabyte takes
    // a minute to compress in a debug build), against limits scaled down.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    let zeros = vec![0u8; 1 << 16];
    for _ in 0..128 {
        zip.write_all(&zeros).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 100_000);
    let limits = Limits {
        max_entries: 10,
        max_entry_bytes: 1_000_000,
        max_total_bytes: 2_000_000,
    };
    assert_too_large(&bytes, &limits);
}

#[test]
fn limits_on_entries_and_total() {
    let filler = vec![b'x'; 600];
    let mut files: Vec<(String, &[u8])> = vec![(
        "word/document.xml".to_owned(),
        b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>",
    )];
    for index in 0..5 {
        files.push((format!("media/{index}.bin"), &filler));
    }
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let bytes = make_zip(&files);
    let roomy = Limits {
        max_entries: 6,
        max_entry_bytes: 1_000,
        max_total_bytes: 10_000,
    };
    assert!(read(&bytes, &roomy, false).is_ok());
    let few_entries = Limits {
        max_entries: 5,
        ..roomy
    };
    assert_too_large(&bytes, &few_entries);
    let small_entries = Limits {
        max_entry_bytes: 599,
        ..roomy
    };
    assert_too_large(&bytes, &small_entries);
    let small_total = Limits {
        max_total_bytes: 3_000,
        ..roomy
    };
    assert_too_large(&bytes, &small_total);
}

#[test]
fn default_limits() {
    assert_eq!(
        Limits::default(),
        Limits {
            max_entries: 2_000,
            max_entry_bytes: 50_000_000,
            max_total_bytes: 200_000_000,
        }
    );
}

// ---- Writing ----

#[test]
fn edit_within_a_run_is_applied() {
    let original = make_docx(&format!(
        "{}{}",
        p(&["We are unable to ", "help you."]),
        p(&["Yours sincerely"])
    ));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let edits = [
        edit(&doc, "unable", "able"),
        edit(&doc, "sincerely", "faithfully"),
    ];
    let written = write(&original, &doc, &edits, &Limits::default()).unwrap();
    assert_eq!(written.applied, 2);
    assert!(written.rejected.is_empty());
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "We are able to help you.\n\nYours faithfully");
    assert_eq!(again.paragraphs.len(), 2);

    // Only the edited w:t elements changed, byte for byte.
    let before = entry(&original, "word/document.xml");
    let after = entry(&written.bytes, "word/document.xml");
    let expected = before
        .replace(
            r#"<w:t xml:space="preserve">We are unable to </w:t>"#,
            r#"<w:t xml:space="preserve">We are able to </w:t>"#,
        )
        .replace(
            r#"<w:t xml:space="preserve">Yours sincerely</w:t>"#,
            r#"<w:t xml:space="preserve">Yours faithfully</w:t>"#,
        );
    assert_eq!(after, expected);
}

#[test]
fn edit_sets_xml_space_preserve() {
    let original = make_docx(r#"<w:p><w:r><w:t>Hello   there</w:t></w:r></w:p>"#);
    let doc = read(&original, &Limits::default(), false).unwrap();
    let written = write(
        &original,
        &doc,
        &[edit(&doc, "Hello", "")],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(written.applied, 1);
    assert!(entry(&written.bytes, "word/document.xml")
        .contains(r#"<w:t xml:space="preserve">   there</w:t>"#));
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "   there");
}

#[test]
fn edits_across_runs_or_paragraphs_are_rejected() {
    let original = make_docx(&format!(
        "{}{}",
        p(&["Dear Zo", "ë,"]),
        r#"<w:p><w:r><w:t>Ref</w:t><w:tab/><w:t>42</w:t></w:r></w:p>"#
    ));
    let doc = read(&original, &Limits::default(), false).unwrap();
    assert_eq!(doc.text, "Dear Zoë,\n\nRef\t42");
    let edits = [
        edit(&doc, "Zoë", "Zoe"),     // 0: spans two runs
        edit(&doc, ",\n\nRef", ". "), // 1: spans paragraphs
        edit(&doc, "\t", " "),        // 2: a tab is in no run
        edit(&doc, "Dear", "Hello"),  // 3: fine
        edit(&doc, "42", "43"),       // 4: fine
    ];
    let written = write(&original, &doc, &edits, &Limits::default()).unwrap();
    assert_eq!(written.applied, 2);
    assert_eq!(written.rejected, [0, 1, 2]);
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "Hello Zoë,\n\nRef\t43");
}

#[test]
fn insertion_at_a_run_boundary_goes_into_the_run_before() {
    let original = make_docx(&p(&["one", "two"]));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let boundary = TextEdit {
        start: 3,
        end: 3,
        replacement: " and ".to_owned(),
    };
    let at_start = TextEdit {
        start: 0,
        end: 0,
        replacement: "[".to_owned(),
    };
    let at_end = TextEdit {
        start: 6,
        end: 6,
        replacement: "]".to_owned(),
    };
    let written = write(
        &original,
        &doc,
        &[boundary, at_start, at_end],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(written.applied, 3);
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "[one and two]");
    assert_eq!(run_texts(&again, 0), ["[one and ", "two]"]);
}

#[test]
fn invalid_and_overlapping_edits_are_rejected() {
    let original = make_docx(&p(&["Siân’s letter"]));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let edit_at = |start: usize, end: usize, replacement: &str| TextEdit {
        start,
        end,
        replacement: replacement.to_owned(),
    };
    let edits = [
        edit_at(0, 2, "Jo"),          // 0: fine
        edit_at(1, 3, "x"),           // 1: overlaps 0
        edit_at(0, 0, "x"),           // 2: starts where 0 does
        edit_at(3, 4, "a"),           // 3: inside "â"
        edit_at(5, 3, "x"),           // 4: backwards
        edit_at(14, 99, "x"),         // 5: past the end
        edit_at(10, 16, "note\u{1}"), // 6: a control character
        edit_at(10, 10, "\r"),        // 7: a carriage return
        edit_at(10, 16, "note"),      // 8: fine
    ];
    assert_eq!(&doc.text[10..16], "letter");
    let written = write(&original, &doc, &edits, &Limits::default()).unwrap();
    assert_eq!(written.rejected, [1, 2, 3, 4, 5, 6, 7]);
    assert_eq!(written.applied, 2);
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "Joân’s note");
}

#[test]
fn several_edits_in_one_run() {
    let original = make_docx(&p(&["a b c d"]));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let edits: Vec<TextEdit> = [(0, 1, "A"), (4, 5, "C & <c>"), (2, 2, "+"), (7, 7, "!")]
        .iter()
        .map(|&(start, end, text)| TextEdit {
            start,
            end,
            replacement: text.to_owned(),
        })
        .collect();
    let written = write(&original, &doc, &edits, &Limits::default()).unwrap();
    assert_eq!(written.applied, 4);
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "A +b C & <c> d!");
    assert!(entry(&written.bytes, "word/document.xml").contains("C &amp; &lt;c&gt; d!"));
}

#[test]
fn tabs_and_newlines_in_replacements_become_elements() {
    let original = make_docx(&p(&["Name: Zoë"]));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let edits = [edit(&doc, ": ", ":\t"), edit(&doc, "Zoë", "Zoë\nSiân\n")];
    let written = write(&original, &doc, &edits, &Limits::default()).unwrap();
    assert_eq!(written.applied, 2);
    let xml = entry(&written.bytes, "word/document.xml");
    assert!(xml.contains(concat!(
        r#"<w:t xml:space="preserve">Name:</w:t><w:tab/>"#,
        r#"<w:t xml:space="preserve">Zoë</w:t><w:br/><w:t xml:space="preserve">Siân</w:t><w:br/>"#
    )));
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "Name:\tZoë\nSiân\n");
}

#[test]
fn emptying_a_run_keeps_the_element() {
    let original = make_docx(&p(&["keep ", "drop"]));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let written = write(
        &original,
        &doc,
        &[edit(&doc, "drop", "")],
        &Limits::default(),
    )
    .unwrap();
    assert!(
        entry(&written.bytes, "word/document.xml").contains(r#"<w:t xml:space="preserve"></w:t>"#)
    );
    let again = read(&written.bytes, &Limits::default(), false).unwrap();
    assert_eq!(again.text, "keep ");
}

#[test]
fn round_trip_keeps_everything_else() {
    let body = format!(
        "{}{}<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>{}",
        r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Our decision</w:t></w:r></w:p>"#,
        p(&["Dear Siân, we’re ", "sorry."]),
        p(&["Cell text"]),
        r#"<w:p><w:r><w:t xml:space="preserve">Ref </w:t><w:tab/><w:t>“quoted”</w:t></w:r></w:p>"#,
    );
    let original = make_docx_with_parts(&body, &[("word/footer1.xml", &p(&["Page footer"]))]);
    let doc = read(&original, &Limits::default(), true).unwrap();
    let edits = [
        edit(&doc, "decision", "final decision"),
        edit(&doc, "we’re", "we are"),
        edit(&doc, "Cell", "Table"),
        edit(&doc, "“quoted”", "‘quoted’"),
        edit(&doc, "footer", "foot"),
        edit(&doc, "we’re sorry", "x"),
    ];
    let written = write(&original, &doc, &edits, &Limits::default()).unwrap();
    assert_eq!(written.rejected, [5]);
    assert_eq!(written.applied, 5);
    let again = read(&written.bytes, &Limits::default(), true).unwrap();
    assert_eq!(again.text, apply(&doc.text, &edits, &[0, 1, 2, 3, 4]));
    assert_eq!(
        again.text,
        "Our final decision\n\nDear Siân, we are sorry.\n\nTable text\n\nRef \t‘quoted’\n\nPage foot"
    );
    assert_eq!(again.paragraphs[0].style.as_deref(), Some("Heading1"));

    // Same entries, same order; untouched ones copied compressed byte for byte.
    let before = raw_entries(&original);
    let after = raw_entries(&written.bytes);
    let names = |entries: &[(String, zip::CompressionMethod, Vec<u8>)]| -> Vec<String> {
        entries.iter().map(|(name, _, _)| name.clone()).collect()
    };
    assert_eq!(names(&before), names(&after));
    for ((name, method, raw), (_, new_method, new_raw)) in before.iter().zip(&after) {
        if name == "word/document.xml" || name == "word/footer1.xml" {
            assert_eq!(*new_method, zip::CompressionMethod::Deflated);
            assert_ne!(raw, new_raw, "{name}");
        } else {
            assert_eq!((method, raw), (new_method, new_raw), "{name}");
        }
    }
}

#[test]
fn no_applicable_edit_returns_the_original() {
    let original = make_docx(&p(&["Zo", "ë"]));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let written = write(
        &original,
        &doc,
        &[edit(&doc, "Zoë", "Zoe")],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(written.bytes, original);
    assert_eq!(written.applied, 0);
    assert_eq!(written.rejected, [0]);
    let written = write(&original, &doc, &[], &Limits::default()).unwrap();
    assert_eq!(written.bytes, original);
}

#[test]
fn write_refuses_text_from_another_package() {
    let original = make_docx(&p(&["Hello there"]));
    let other = make_docx(&p(&["Goodbye now"]));
    let doc = read(&other, &Limits::default(), false).unwrap();
    let err = write(
        &original,
        &doc,
        &[edit(&doc, "now", "then")],
        &Limits::default(),
    )
    .unwrap_err();
    assert!(matches!(err, DocxError::Xml { .. }), "{err:?}");
    assert!(err.to_string().contains("not read from this package"));
}

#[test]
fn write_holds_to_the_limits() {
    let original = make_docx(&p(&["Hello"]));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let tiny = Limits {
        max_entries: 2,
        ..Limits::default()
    };
    let result = write(&original, &doc, &[edit(&doc, "Hello", "Hi")], &tiny);
    assert!(matches!(result, Err(DocxError::TooLarge(_))));
}

#[test]
fn written_package_keeps_other_attributes_of_w_t() {
    let xml = r#"<w:p><w:r><w:t xmlns:q='urn:q"x' q:a="1">old</w:t></w:r></w:p>"#;
    let original = make_docx(xml);
    let doc = read(&original, &Limits::default(), false).unwrap();
    let written = write(
        &original,
        &doc,
        &[edit(&doc, "old", "new")],
        &Limits::default(),
    )
    .unwrap();
    assert!(entry(&written.bytes, "word/document.xml")
        .contains(r#"<w:t xmlns:q="urn:q&quot;x" q:a="1" xml:space="preserve">new</w:t>"#));
    assert_eq!(
        read(&written.bytes, &Limits::default(), false)
            .unwrap()
            .text,
        "new"
    );
}

// ---- Errors ----

#[test]
fn errors_display() {
    let xml = DocxError::Xml {
        part: "word/document.xml".to_owned(),
        position: 7,
        message: "DOCTYPE not allowed".to_owned(),
    };
    assert_eq!(
        xml.to_string(),
        "word/document.xml: byte 7: DOCTYPE not allowed"
    );
    assert_eq!(
        DocxError::MissingDocument.to_string(),
        "not a Word document: the package has no word/document.xml"
    );
    let io = DocxError::from(std::io::Error::other("disk"));
    assert!(std::error::Error::source(&io).is_some());
    assert!(read(b"PK\x03\x04", &Limits::default(), false)
        .unwrap_err()
        .to_string()
        .starts_with("not a readable .docx (zip) file: "));
}

#[test]
fn byte_order_mark_and_line_ends() {
    let xml = format!(
        "\u{FEFF}{}",
        document_xml(&p(&["one|two", "three"])).replace(['\n', '|'], "\r\n")
    );
    let bytes = make_zip(&[("word/document.xml", xml.as_bytes())]);
    let doc = read(&bytes, &Limits::default(), false).unwrap();
    assert_eq!(doc.text, "one\ntwothree");
    let written = write(
        &bytes,
        &doc,
        &[edit(&doc, "three", "3")],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(written.applied, 1);
    assert_eq!(
        entry(&written.bytes, "word/document.xml"),
        xml.replace(">three<", ">3<")
    );
}

#[test]
fn stored_and_directory_entries_are_copied() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.add_directory("word/", stored).unwrap();
    zip.start_file("word/document.xml", stored).unwrap();
    zip.write_all(document_xml(&p(&["Stored text"])).as_bytes())
        .unwrap();
    zip.start_file("docProps/app.xml", stored).unwrap();
    zip.write_all(b"<Properties/>").unwrap();
    let original = zip.finish().unwrap().into_inner();

    let doc = read(&original, &Limits::default(), false).unwrap();
    let written = write(
        &original,
        &doc,
        &[edit(&doc, "Stored", "Plain")],
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        read(&written.bytes, &Limits::default(), false)
            .unwrap()
            .text,
        "Plain text"
    );
    let before = raw_entries(&original);
    let after = raw_entries(&written.bytes);
    assert_eq!(before[0], after[0]);
    assert_eq!(before[2], after[2]);
    assert_eq!(after[1].0, "word/document.xml");
    assert_eq!(after[1].1, zip::CompressionMethod::Deflated);
    let mut archive = zip::ZipArchive::new(Cursor::new(&written.bytes[..])).unwrap();
    assert!(archive.by_index(0).unwrap().is_dir());
}

#[test]
fn forged_docx_text_never_panics() {
    let original = make_docx(&format!(
        "{}{}",
        p(&["Dear Zoë, ", "we’re sorry."]),
        p(&["Yours, Siân"])
    ));
    let doc = read(&original, &Limits::default(), false).unwrap();
    let mut rng = XorShift(99);
    let mut small = || (rng.next() % 40) as usize;
    for _ in 0..2_000 {
        let mut forged = doc.clone();
        for paragraph in &mut forged.paragraphs {
            for run in &mut paragraph.runs {
                match small() % 4 {
                    0 => run.range = small()..small(),
                    1 => run.xml_text_node = small() % 5,
                    2 => paragraph.part = "word/missing.xml".to_owned(),
                    _ => {}
                }
            }
        }
        let edits: Vec<TextEdit> = (0..3)
            .map(|_| TextEdit {
                start: small(),
                end: small(),
                replacement: "x".to_owned(),
            })
            .collect();
        if let Ok(written) = write(&original, &forged, &edits, &Limits::default()) {
            assert!(read(&written.bytes, &Limits::default(), false).is_ok());
        }
    }
}
