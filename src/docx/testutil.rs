//! Small `.docx` packages built in memory, for tests here and in crates that
//! use this module.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The namespace declarations put on `w:document`, `w:hdr` and `w:ftr`, so
/// fixtures can use the `w`, `r`, `mc`, `wp`, `wps`, `a`, `v` and `w14`
/// prefixes.
pub const NAMESPACES: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"mc:Ignorable="w14""#,
);

/// A minimal valid `.docx` whose body holds `paragraphs_xml` (any body
/// content: `w:p`, `w:tbl`, ...), e.g.
/// `make_docx(r#"<w:p><w:r><w:t>Hello</w:t></w:r></w:p>"#)`.
pub fn make_docx(paragraphs_xml: &str) -> Vec<u8> {
    make_docx_with_parts(paragraphs_xml, &[])
}

/// Like [`make_docx`], plus header and footer parts: each `(name, content)`
/// is a part such as `("word/header1.xml", "<w:p>...</w:p>")`, whose content
/// is wrapped in `w:hdr` or `w:ftr` (by the name) and which is added to the
/// content types and the document's relationships.
pub fn make_docx_with_parts(paragraphs_xml: &str, parts: &[(&str, &str)]) -> Vec<u8> {
    let mut content_types = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    ));
    let mut relationships = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    ));
    let mut entries: Vec<(String, String)> = Vec::new();
    for (index, (name, content)) in parts.iter().enumerate() {
        let kind = if name.starts_with("word/footer") {
            "footer"
        } else {
            "header"
        };
        let root = if kind == "footer" { "w:ftr" } else { "w:hdr" };
        content_types.push_str(&format!(
            r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>"#
        ));
        let target = name.strip_prefix("word/").unwrap_or(name);
        relationships.push_str(&format!(
            r#"<Relationship Id="rIdPart{index}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
        ));
        entries.push((
            (*name).to_owned(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<{root} {NAMESPACES}>{content}</{root}>"
            ),
        ));
    }
    content_types.push_str("</Types>");
    relationships.push_str("</Relationships>");

    let mut files: Vec<(String, String)> = vec![
        ("[Content_Types].xml".to_owned(), content_types),
        ("_rels/.rels".to_owned(), ROOT_RELATIONSHIPS.to_owned()),
        ("word/document.xml".to_owned(), document_xml(paragraphs_xml)),
        ("word/_rels/document.xml.rels".to_owned(), relationships),
    ];
    files.extend(entries);
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(name, content)| (name.as_str(), content.as_bytes()))
        .collect();
    make_zip(&files)
}

/// The `word/document.xml` that [`make_docx`] makes for `paragraphs_xml`.
pub fn document_xml(paragraphs_xml: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NAMESPACES}><w:body>{paragraphs_xml}<w:sectPr/></w:body></w:document>"
    )
}

/// A zip of the given `(name, contents)` entries, in that order, deflated.
pub fn make_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, contents) in files {
        zip.start_file(*name, options)
            .expect("writing to memory cannot fail");
        zip.write_all(contents)
            .expect("writing to memory cannot fail");
    }
    zip.finish()
        .expect("writing to memory cannot fail")
        .into_inner()
}

const ROOT_RELATIONSHIPS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"</Relationships>"#,
);

/// How many zero bytes the entry of [`make_zip_bomb`] inflates to: just over
/// 1 GiB.
pub const ZIP_BOMB_SIZE: u64 = 1 + 258 * BOMB_MATCHES_PER_BLOCK * BOMB_BLOCKS;

/// Length-258 matches in each deflate block of the bomb. With a 3-bit block
/// header, 13 bits per match and a 7-bit end of block, 6 modulo 8 matches
/// make the block end on a byte boundary, so the block can be repeated.
const BOMB_MATCHES_PER_BLOCK: u64 = 1022;
const BOMB_BLOCKS: u64 = 4073;

/// A zip whose only entry, `name`, inflates to [`ZIP_BOMB_SIZE`] zero bytes
/// from under 7 MB, while its headers claim `declared_size` bytes (pass
/// `ZIP_BOMB_SIZE` for an honest bomb, something small for a lying one).
///
/// The deflate stream is assembled by hand from one repeated block, so this
/// takes milliseconds where compressing a gigabyte would take a minute in a
/// debug build. The CRC is not that of the data: readers that stop early
/// never check it.
pub fn make_zip_bomb(name: &str, declared_size: u32) -> Vec<u8> {
    let mut first = BitWriter::default();
    first.block_header(false);
    first.code(0b0011_0000, 8); // literal 0
    first.zero_matches(BOMB_MATCHES_PER_BLOCK);
    first.code(0, 7); // end of block
    let mut repeated = BitWriter::default();
    repeated.block_header(false);
    repeated.zero_matches(BOMB_MATCHES_PER_BLOCK);
    repeated.code(0, 7);
    let mut last = BitWriter::default();
    last.block_header(true);
    last.code(0, 7);
    let (first, repeated, last) = (first.finish(), repeated.finish(), last.finish());

    let blocks = usize::try_from(BOMB_BLOCKS).unwrap_or(0);
    let mut data = Vec::with_capacity(first.len() + repeated.len() * blocks + last.len());
    data.extend_from_slice(&first);
    for _ in 1..blocks {
        data.extend_from_slice(&repeated);
    }
    data.extend_from_slice(&last);
    raw_zip_entry(name, &data, declared_size)
}

/// Writes bits least significant first, as deflate does.
#[derive(Default)]
struct BitWriter {
    bytes: Vec<u8>,
    bits: u32,
    used: u32,
}

impl BitWriter {
    fn bits(&mut self, value: u32, count: u32) {
        for bit in 0..count {
            self.bits |= ((value >> bit) & 1) << self.used;
            self.used += 1;
            if self.used == 8 {
                self.bytes.push(self.bits as u8);
                self.bits = 0;
                self.used = 0;
            }
        }
    }

    /// A Huffman code: most significant bit first.
    fn code(&mut self, code: u32, length: u32) {
        let reversed = code.reverse_bits() >> (32 - length);
        self.bits(reversed, length);
    }

    /// `BFINAL`, then `BTYPE` 01 (fixed Huffman codes).
    fn block_header(&mut self, last: bool) {
        self.bits(u32::from(last), 1);
        self.bits(1, 2);
    }

    /// Matches of length 258 (symbol 285) at distance 1 (distance code 0).
    fn zero_matches(&mut self, count: u64) {
        for _ in 0..count {
            self.code(0b1100_0101, 8);
            self.code(0, 5);
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            self.bytes.push(self.bits as u8);
        }
        self.bytes
    }
}

/// A zip of one deflated entry whose compressed bytes are given, written
/// field by field so that its declared size can be anything.
fn raw_zip_entry(name: &str, deflated: &[u8], declared_size: u32) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, value: u16) {
        out.extend_from_slice(&value.to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, value: u32) {
        out.extend_from_slice(&value.to_le_bytes());
    }
    let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
    let name = &name.as_bytes()[..usize::from(name_len)];
    let compressed = u32::try_from(deflated.len()).unwrap_or(u32::MAX);
    // Fields shared by the local and the central header, from "version
    // needed" up to the name length: version 2.0, no flags, deflate, a
    // 1980-01-01 timestamp, a CRC, both sizes, the name's length.
    let mut common = Vec::new();
    u16le(&mut common, 20);
    u16le(&mut common, 0);
    u16le(&mut common, 8);
    u16le(&mut common, 0);
    u16le(&mut common, 0x21);
    u32le(&mut common, 0);
    u32le(&mut common, compressed);
    u32le(&mut common, declared_size);
    u16le(&mut common, name_len);

    let mut out = Vec::with_capacity(deflated.len() + 2 * name.len() + 128);
    u32le(&mut out, 0x0403_4b50);
    out.extend_from_slice(&common);
    u16le(&mut out, 0); // extra field length
    out.extend_from_slice(name);
    out.extend_from_slice(deflated);

    let directory_start = u32::try_from(out.len()).unwrap_or(u32::MAX);
    u32le(&mut out, 0x0201_4b50);
    u16le(&mut out, 20); // version made by
    out.extend_from_slice(&common);
    u16le(&mut out, 0); // extra field length
    u16le(&mut out, 0); // comment length
    u16le(&mut out, 0); // disk number
    u16le(&mut out, 0); // internal attributes
    u32le(&mut out, 0); // external attributes
    u32le(&mut out, 0); // local header offset
    out.extend_from_slice(name);
    let directory_size = u32::try_from(out.len()).unwrap_or(u32::MAX) - directory_start;

    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0); // this disk
    u16le(&mut out, 0); // disk with the directory
    u16le(&mut out, 1); // entries on this disk
    u16le(&mut out, 1); // entries in all
    u32le(&mut out, directory_size);
    u32le(&mut out, directory_start);
    u16le(&mut out, 0); // comment length
    out
}
