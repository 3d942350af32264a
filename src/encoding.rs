//! How a text file was written: its character set, byte-order mark and line endings, so
//! that a letter saved by Notepad as "Unicode" (UTF-16) or by an older Word as
//! Windows-1252 is read, and `fix` writes it back as it found it.
//!
//! Decoding uses [`encoding_rs`] (the decoder Firefox uses) for UTF-16 and Windows-1252;
//! UTF-16 is written back with [`str::encode_utf16`], as `encoding_rs` only decodes it.
//!
//! ```
//! use letterlint::encoding::{decode, Charset};
//!
//! // "£5 refund" as Windows-1252: not UTF-8, so read as Windows-1252
//! let (text, enc) = decode(b"\xa35 refund\r\n").unwrap();
//! assert_eq!(text, "£5 refund\r\n");
//! assert_eq!(enc.charset, Charset::Windows1252);
//! assert!(enc.crlf);
//! assert_eq!(enc.encode("£6 refund\n").unwrap(), b"\xa36 refund\r\n");
//! ```

/// A character set letterlint reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Charset {
    /// UTF-8.
    #[default]
    Utf8,
    /// UTF-16, little-endian (Windows' "Unicode").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1252 (Western European), as older Windows programs save text.
    Windows1252,
}

impl Charset {
    /// The name users know.
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Utf16Le => "UTF-16LE",
            Charset::Utf16Be => "UTF-16BE",
            Charset::Windows1252 => "Windows-1252",
        }
    }
}

/// How a text was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Encoding {
    /// The character set.
    pub charset: Charset,
    /// The file began with a byte-order mark (kept out of the text, written back).
    pub bom: bool,
    /// Its lines end in CR LF (new lines are written so too).
    pub crlf: bool,
    /// Bytes that were not valid were replaced with U+FFFD (`--lossy`): writing the text
    /// back would lose them.
    pub lossy: bool,
}

impl Encoding {
    /// Whether this is plain UTF-8 with no byte-order mark and no replacements.
    pub fn is_plain_utf8(&self) -> bool {
        self.charset == Charset::Utf8 && !self.bom && !self.lossy
    }

    /// A short description for notes: "Windows-1252, CRLF".
    pub fn describe(&self) -> String {
        let mut s = self.charset.name().to_string();
        if self.bom {
            s.push_str(" with BOM");
        }
        if self.crlf {
            s.push_str(", CRLF");
        }
        if self.lossy {
            s.push_str(", invalid bytes replaced");
        }
        s
    }

    /// `text` with its line endings made this encoding's: with CRLF, every line feed
    /// not already after a carriage return gets one.
    pub fn line_endings<'a>(&self, text: &'a str) -> std::borrow::Cow<'a, str> {
        if !self.crlf || !has_lone_lf(text) {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + text.len() / 32);
        let mut prev = '\0';
        for c in text.chars() {
            if c == '\n' && prev != '\r' {
                out.push('\r');
            }
            out.push(c);
            prev = c;
        }
        std::borrow::Cow::Owned(out)
    }

    /// `text` as bytes in this encoding, with its byte-order mark and line endings; an
    /// error naming the first character Windows-1252 cannot hold.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, String> {
        let text = self.line_endings(text);
        let mut out = Vec::with_capacity(text.len() + 3);
        match self.charset {
            Charset::Utf8 => {
                if self.bom {
                    out.extend_from_slice(b"\xEF\xBB\xBF");
                }
                out.extend_from_slice(text.as_bytes());
            }
            Charset::Utf16Le | Charset::Utf16Be => {
                let le = self.charset == Charset::Utf16Le;
                let units = (if self.bom { "\u{FEFF}" } else { "" })
                    .encode_utf16()
                    .chain(text.encode_utf16());
                for u in units {
                    out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
                }
            }
            Charset::Windows1252 => {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                if unmappable {
                    let c = text
                        .chars()
                        .find(|c| {
                            let mut b = [0; 4];
                            encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut b)).2
                        })
                        .unwrap_or('?');
                    return Err(format!(
                        "the text holds {c:?} (U+{:04X}), which Windows-1252 cannot; save the file as UTF-8",
                        c as u32
                    ));
                }
                out.extend_from_slice(&bytes);
            }
        }
        Ok(out)
    }
}

fn has_lone_lf(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\n' && (i == 0 || b[i - 1] != b'\r'))
}

/// Whether most line breaks of `text` are CR LF.
fn mostly_crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count();
    crlf > 0 && crlf * 2 >= lf
}

/// Why bytes are not text letterlint can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    /// A NUL byte at this offset, in what is not UTF-16.
    Binary(usize),
    /// Not UTF-8 (first invalid byte at this offset), nor plausibly Windows-1252.
    InvalidUtf8(usize),
}

/// Decodes a text file: a byte-order mark decides UTF-8 or UTF-16; UTF-16 without one is
/// recognised by its zero bytes (English text in UTF-16 has one in every other byte);
/// then UTF-8; then Windows-1252 when the bytes are not UTF-8 but read as text in it (no
/// control characters, none of the five bytes it leaves undefined).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), NotText> {
    let finish = |text: String, charset: Charset, bom: bool| {
        let crlf = mostly_crlf(&text);
        Ok((
            text,
            Encoding {
                charset,
                bom,
                crlf,
                lossy: false,
            },
        ))
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) if !s.contains('\0') => finish(s.to_string(), Charset::Utf8, true),
            Ok(s) => Err(NotText::Binary(3 + s.find('\0').unwrap_or(0))),
            Err(e) => Err(NotText::InvalidUtf8(3 + e.valid_up_to())),
        };
    }
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some((Charset::Utf16Le, true))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((Charset::Utf16Be, true))
    } else {
        sniff_utf16(bytes).map(|c| (c, false))
    };
    if let Some((charset, bom)) = utf16 {
        let body = if bom { &bytes[2..] } else { bytes };
        let enc = match charset {
            Charset::Utf16Le => encoding_rs::UTF_16LE,
            _ => encoding_rs::UTF_16BE,
        };
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(body) {
            if !text.contains('\0') {
                return finish(text.into_owned(), charset, bom);
            }
        }
        // not UTF-16 after all: judged as bytes below
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(NotText::Binary(offset));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_string(), Charset::Utf8, false),
        Err(e) => {
            let offset = e.valid_up_to();
            if looks_like_windows_1252(bytes) {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
                finish(text.into_owned(), Charset::Windows1252, false)
            } else {
                Err(NotText::InvalidUtf8(offset))
            }
        }
    }
}

/// Like [`decode`], but bytes that are neither UTF-8 nor Windows-1252 become U+FFFD
/// (marked `lossy`); binary files are still refused.
pub fn decode_lossy(bytes: &[u8]) -> Result<(String, Encoding), NotText> {
    match decode(bytes) {
        Err(NotText::InvalidUtf8(_)) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            let crlf = mostly_crlf(&text);
            Ok((
                text,
                Encoding {
                    charset: Charset::Utf8,
                    bom: false,
                    crlf,
                    lossy: true,
                },
            ))
        }
        other => other,
    }
}

/// UTF-16 without a byte-order mark: an even length, and zero bytes in at least a
/// quarter of the high halves of the first units and almost none of the low halves.
fn sniff_utf16(bytes: &[u8]) -> Option<Charset> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let pairs = head.len() / 2;
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let plenty = |n: usize| n * 4 >= pairs;
    let few = |n: usize| n * 50 <= pairs;
    if plenty(odd) && few(even) {
        Some(Charset::Utf16Le)
    } else if plenty(even) && few(odd) {
        Some(Charset::Utf16Be)
    } else {
        None
    }
}

/// Text in Windows-1252: no byte it leaves undefined, no control characters but tab,
/// line feed, form feed and carriage return, no UTF-16 byte-order mark, and no
/// well-formed UTF-8 sequence of two or more bytes (UTF-8 with one damaged byte is not
/// Windows-1252, and reading it so would garble every other accent and pound sign).
fn looks_like_windows_1252(bytes: &[u8]) -> bool {
    let utf8_sequence = bytes.windows(2).any(|w| {
        (0xC2..=0xF4).contains(&w[0]) && (0x80..=0xBF).contains(&w[1]) && {
            let i = w.as_ptr() as usize - bytes.as_ptr() as usize;
            let len = match w[0] {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            bytes
                .get(i..i + len)
                .is_some_and(|s| std::str::from_utf8(s).is_ok())
        }
    });
    // a UTF-16 byte-order mark inside the bytes: a damaged Unicode file, not ÿþ
    let stray_bom = bytes
        .windows(2)
        .any(|w| w == b"\xFF\xFE" || w == b"\xFE\xFF");
    !utf8_sequence
        && !stray_bom
        && bytes.iter().all(|&b| {
            !matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D | 0x7F)
                && (b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\x0C' | b'\r'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    const LETTER: &str =
        "Dear Ms Evans,\r\n\r\nWe will refund £45 – I am sorry that we did not.\r\n";

    #[test]
    fn notepad_unicode_with_and_without_a_bom_reads_and_writes_back_the_same() {
        for le in [true, false] {
            for bom in [true, false] {
                let bytes = utf16(LETTER, le, bom);
                let (text, enc) = decode(&bytes).unwrap();
                assert_eq!(text, LETTER);
                assert_eq!(enc.bom, bom);
                assert!(enc.crlf);
                assert_eq!(enc.encode(&text).unwrap(), bytes);
            }
        }
    }

    #[test]
    fn windows_1252_pound_signs_survive_a_round_trip() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(LETTER);
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc.charset, Charset::Windows1252);
        assert_eq!(text, LETTER);
        assert_eq!(enc.encode(&text).unwrap(), bytes.into_owned());
        let err = enc.encode("Ŵ").unwrap_err();
        assert!(err.contains("U+0174"), "{err}");
    }

    #[test]
    fn a_utf8_bom_is_kept_out_of_the_text_and_written_back() {
        let (text, enc) = decode(b"\xEF\xBB\xBFDear Sir\n").unwrap();
        assert_eq!(text, "Dear Sir\n");
        assert_eq!(enc.encode(&text).unwrap(), b"\xEF\xBB\xBFDear Sir\n");
    }

    #[test]
    fn inserted_lines_in_a_crlf_letter_get_crlf() {
        let enc = Encoding {
            crlf: true,
            ..Encoding::default()
        };
        assert_eq!(enc.line_endings("a\r\nb\n\nc"), "a\r\nb\r\n\r\nc");
        assert_eq!(enc.encode("x\r\n").unwrap(), b"x\r\n");
    }

    #[test]
    fn binary_and_undefined_bytes_are_not_text() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(NotText::Binary(8))
        );
        // 0x81 is undefined in Windows-1252: not guessed
        assert_eq!(decode(b"abc\x81def"), Err(NotText::InvalidUtf8(3)));
        let (text, enc) = decode_lossy(b"abc\x81def").unwrap();
        assert!(enc.lossy);
        assert_eq!(text, "abc\u{FFFD}def");
        // UTF-8 with one damaged byte is not taken for Windows-1252
        assert_eq!(decode(b"\xc2\xa35 and \xa3"), Err(NotText::InvalidUtf8(8)));
    }
}
