//! Byte-level checks and decoding: binary detection by magic number or NUL
//! density, then UTF-8 (with or without BOM), UTF-16 with BOM, or a
//! Windows-1252 fallback for bytes that are not valid UTF-8.
//!
//! ```
//! use orbita_ingest::detect_binary;
//! assert_eq!(detect_binary(b"%PDF-1.7\n..."), Some("PDF document"));
//! assert_eq!(detect_binary("Bogotá".as_bytes()), None);
//! ```

use crate::{Reject, RejectCode};
use std::borrow::Cow;

/// Magic numbers of binary formats that turn up among text files.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1F\x8B", "gzip stream"),
    (b"\x28\xB5\x2F\xFD", "zstd stream"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"%PDF-", "PDF document"),
    (b"BZh", "bzip2 stream"),
    (b"\xFD7zXZ\x00", "xz stream"),
    (b"7z\xBC\xAF\x27\x1C", "7-zip archive"),
    (b"\x7FELF", "ELF executable"),
    (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "OLE2 (old MS Office) document"),
];

/// How many leading bytes the NUL-density check looks at.
const SNIFF_LEN: usize = 8192;

/// Returns a description of the binary format if `bytes` is not text: a
/// known magic number, or more than 1 in 10 of the first 8 KiB being NUL
/// (UTF-16 with a BOM is text and is not reported). A bzip2 magic only
/// counts when followed by a block-size digit, so text starting "BZh" passes.
pub fn detect_binary(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            if *magic == b"BZh" && !bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)) {
                continue;
            }
            return Some(kind);
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let nuls = memchr::memchr_iter(0, head).count();
    if nuls * 10 > head.len() {
        return Some("NUL-heavy data: binary, or UTF-16 without a byte order mark");
    }
    None
}

/// Decoded text and the decoding applied.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text (BOM removed), borrowed from the input when it is UTF-8.
    pub text: Cow<'a, str>,
    /// "utf-8", "utf-8-bom", "utf-16le-bom", "utf-16be-bom" or "windows-1252".
    pub encoding: &'static str,
    /// Bytes before the text in the input (the BOM length): byte offsets in
    /// `text` plus this are input offsets when the encoding is UTF-8.
    pub bom_len: usize,
}

/// Decodes bytes. Invalid UTF-16 or invalid UTF-8 after a UTF-8 BOM is an
/// `encoding` reject with the offset of the first bad byte; other invalid
/// UTF-8 is read as Windows-1252 (which maps every byte; see
/// [`decode_mixed_or_1252`] for mostly-UTF-8 input).
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Reject> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok(Decoded { text: Cow::Borrowed(s), encoding: "utf-8-bom", bom_len: 3 }),
            Err(e) => Err(Reject::new(
                RejectCode::Encoding,
                format!("the file starts with a UTF-8 byte order mark but byte {} is not valid UTF-8", e.valid_up_to() + 3),
            )
            .at(e.valid_up_to() + 3)),
        };
    }
    for (bom, encoding, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "utf-16le-bom"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "utf-16be-bom"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            if rest.len() % 2 == 1 {
                return Err(Reject::new(
                    RejectCode::Encoding,
                    format!("{name}: odd number of bytes ({}) after the byte order mark", rest.len()),
                )
                .at(bytes.len() - 1));
            }
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if had_errors {
                let at = first_bad_utf16(rest, name == "utf-16le-bom");
                return Err(Reject::new(
                    RejectCode::Encoding,
                    format!("{name}: unpaired surrogate at byte {}", at + 2),
                )
                .at(at + 2));
            }
            return Ok(Decoded { text, encoding: name, bom_len: 2 });
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded { text: Cow::Borrowed(s), encoding: "utf-8", bom_len: 0 }),
        Err(_) => Ok(Decoded { text: Cow::Owned(decode_mixed_or_1252(bytes)), encoding: "windows-1252", bom_len: 0 }),
    }
}

/// Decodes bytes that are not valid UTF-8. When valid multi-byte UTF-8
/// characters outnumber the invalid bytes (UTF-8 text with a few stray
/// Windows-1252 bytes, e.g. pasted from another source), the UTF-8 is kept
/// and only the invalid bytes are read as Windows-1252; otherwise the whole
/// input is Windows-1252 (where "Ã©" in a genuine 1252 file stays "Ã©").
fn decode_mixed_or_1252(bytes: &[u8]) -> String {
    let mut pieces: Vec<(&[u8], bool)> = Vec::new();
    let (mut utf8_chars, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(_) => {
                utf8_chars += rest.iter().filter(|&&b| b >= 0xC0).count();
                pieces.push((rest, true));
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                utf8_chars += good.iter().filter(|&&b| b >= 0xC0).count();
                let n = e.error_len().unwrap_or(bad.len());
                invalid += n;
                pieces.push((good, true));
                pieces.push((&bad[..n], false));
                rest = &bad[n..];
            }
        }
    }
    if utf8_chars <= invalid {
        return encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned();
    }
    let mut out = String::with_capacity(bytes.len() + invalid * 2);
    for (piece, valid) in pieces {
        if valid {
            out.push_str(std::str::from_utf8(piece).unwrap_or_default());
        } else {
            out.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(piece).0);
        }
    }
    out
}

/// Byte offset (after the BOM) of the first code unit that breaks UTF-16.
fn first_bad_utf16(rest: &[u8], little: bool) -> usize {
    let units = rest.chunks_exact(2).map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    let mut pending_high: Option<usize> = None;
    for (i, u) in units.enumerate() {
        match u {
            0xD800..=0xDBFF => {
                if let Some(p) = pending_high {
                    return p * 2;
                }
                pending_high = Some(i);
            }
            0xDC00..=0xDFFF => {
                if pending_high.take().is_none() {
                    return i * 2;
                }
            }
            _ => {
                if let Some(p) = pending_high {
                    return p * 2;
                }
            }
        }
    }
    pending_high.map_or(0, |p| p * 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Bogotá".as_bytes()).unwrap();
        assert_eq!((&*d.text, d.encoding), ("Bogotá", "utf-8"));
        let d = decode(b"\xEF\xBB\xBFBogot\xC3\xA1").unwrap();
        assert_eq!((&*d.text, d.encoding, d.bom_len), ("Bogotá", "utf-8-bom", 3));
    }

    #[test]
    fn windows_1252_fallback_for_latin1_bytes() {
        // "Bogotá – “ok”" in Windows-1252: á = E1, en dash = 96, curly quotes = 93/94.
        let d = decode(b"Bogot\xE1 \x96 \x93ok\x94").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "Bogotá – “ok”");
    }

    #[test]
    fn utf8_with_stray_1252_bytes_keeps_the_utf8() {
        // "Bogotá — São Paulo" in UTF-8 plus one Windows-1252 "é" (E9).
        let mut b = "Bogotá — São Paulo ".as_bytes().to_vec();
        b.extend(b"caf\xE9");
        let d = decode(&b).unwrap();
        assert_eq!((&*d.text, d.encoding), ("Bogotá — São Paulo café", "windows-1252"));
        // A genuine 1252 text whose bytes happen to form one UTF-8 pair stays 1252.
        let d = decode(b"\xC3\xA9t\xE9 \xE0 Paris").unwrap();
        assert_eq!(d.text, "Ã©té à Paris");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Kyiv — Київ".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(detect_binary(&le), None);
        let d = decode(&le).unwrap();
        assert_eq!((&*d.text, d.encoding), ("Kyiv — Київ", "utf-16le-bom"));
        let d = decode(&be).unwrap();
        assert_eq!((&*d.text, d.encoding), ("Kyiv — Київ", "utf-16be-bom"));
    }

    #[test]
    fn broken_utf16_and_bom_utf8_are_encoding_rejects() {
        let r = decode(b"\xFF\xFEa\x00\x00\xD8b\x00").unwrap_err();
        assert_eq!(r.code, RejectCode::Encoding);
        assert_eq!(r.byte_offset, Some(4));
        let r = decode(b"\xFF\xFEa\x00b").unwrap_err();
        assert_eq!(r.code, RejectCode::Encoding);
        let r = decode(b"\xEF\xBB\xBFok\xFFno").unwrap_err();
        assert_eq!((r.code, r.byte_offset), (RejectCode::Encoding, Some(5)));
    }

    #[test]
    fn magic_numbers_and_nul_density() {
        assert_eq!(detect_binary(b"\x89PNG\r\n\x1a\nrest"), Some("PNG image"));
        assert_eq!(detect_binary(b"\x1f\x8b\x08\x00"), Some("gzip stream"));
        assert_eq!(detect_binary(b"\x28\xB5\x2F\xFD\x00"), Some("zstd stream"));
        assert_eq!(detect_binary(b"PK\x03\x04"), Some("zip archive"));
        assert_eq!(detect_binary(b"GIF89a"), Some("GIF image"));
        assert_eq!(detect_binary(b"\xFF\xD8\xFF\xE0"), Some("JPEG image"));
        assert_eq!(detect_binary(b"BZh is not bzip2"), None);
        assert!(detect_binary(b"a\0b\0c\0d\0").unwrap().contains("NUL"));
        // A few stray NULs in long text are cleaned later, not a binary file.
        let mut t = b"Some ordinary words here. ".repeat(10);
        t.push(0);
        assert_eq!(detect_binary(&t), None);
    }
}
