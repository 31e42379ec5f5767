//! Compressed inputs: `.gz` (gzip, several members allowed) and `.zst`
//! (Zstandard, several frames allowed) around any supported format
//! (`a.jsonl.zst`, `b.txt.gz`, `c.md.gz`).
//!
//! Decompression works on the bytes in memory (no I/O here) and streams:
//! a compressed JSONL file is read one line at a time, so only the current
//! line is held decompressed (a 42 MB `.jsonl.zst` that decompresses to
//! 199 MB never exists decompressed as a whole). A whole-file format (`.txt`,
//! Markdown) is one document and is decompressed whole, up to
//! [`crate::Limits::max_document_bytes`].
//!
//! Damage (a corrupt block, a bad checksum, a truncated archive) ends the
//! stream: the records read before it are kept, and one `corrupt` reject
//! names the line being read and the **decompressed** byte offset where the
//! data stopped, with the decompressor's reason.

use crate::{Reject, RejectCode};
use std::io::{BufRead, BufReader, Read};

/// A compression around an input format, from the file name's last suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Compression {
    /// gzip (`.gz`).
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

impl Compression {
    /// The compression of `path` by its (case-insensitive) last suffix, and
    /// the path without it (`"a.jsonl.zst"` → Zstd, `"a.jsonl"`).
    pub fn from_path(path: &str) -> Option<(Compression, &str)> {
        let (stem, ext) = path.rsplit_once('.')?;
        if ext.contains(['/', '\\']) {
            return None;
        }
        match ext.to_ascii_lowercase().as_str() {
            "gz" => Some((Compression::Gzip, stem)),
            "zst" => Some((Compression::Zstd, stem)),
            _ => None,
        }
    }

    /// "gzip" or "zstd" (for messages).
    pub fn as_str(self) -> &'static str {
        match self {
            Compression::Gzip => "gzip",
            Compression::Zstd => "zstd",
        }
    }

    /// A streaming decompressor over `bytes`.
    fn reader<'a>(self, bytes: &'a [u8]) -> std::io::Result<Box<dyn Read + 'a>> {
        Ok(match self {
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(bytes)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(bytes)?),
        })
    }
}

fn corrupt(c: Compression, offset: u64, lost: &str, err: &std::io::Error) -> Reject {
    let offset_usize = usize::try_from(offset).unwrap_or(usize::MAX);
    Reject::new(
        RejectCode::Corrupt,
        format!("the {} data is corrupt or truncated after {offset} decompressed bytes ({lost} lost): {err}", c.as_str()),
    )
    .at(offset_usize)
}

/// Decompresses a whole-file document, refusing more than `max` bytes.
pub(crate) fn decompress_all(c: Compression, bytes: &[u8], max: usize) -> Result<Vec<u8>, Reject> {
    let reader = c.reader(bytes).map_err(|e| corrupt(c, 0, "the whole file is", &e))?;
    let mut out = Vec::new();
    match reader.take(max as u64 + 1).read_to_end(&mut out) {
        Ok(_) if out.len() > max => Err(Reject::new(
            RejectCode::TooLarge,
            format!("decompresses to more than the limit of {max} bytes per document"),
        )),
        Ok(_) => Ok(out),
        Err(e) => Err(corrupt(c, out.len() as u64, "the whole document is", &e)),
    }
}

/// One line of a decompressed stream.
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub record: u32,
    /// Decompressed byte offset of its first byte.
    pub offset: u64,
    /// Its bytes without the line end (`\n` or `\r\n`); the first
    /// `max` bytes only when `too_long`.
    pub bytes: &'a [u8],
    /// The line is longer than `max` bytes (its length is `len`).
    pub too_long: bool,
    /// Its length in bytes, line end excluded.
    pub len: usize,
}

/// Calls `each` with every line of the decompressed stream (a blank line
/// too), holding one line at a time and at most `max` bytes of it. On
/// damage, returns the reject for the line being read (the lines before
/// were given to `each`). `each` returns false to stop early.
pub(crate) fn for_each_line(
    c: Compression,
    bytes: &[u8],
    max: usize,
    mut each: impl FnMut(Line<'_>) -> bool,
) -> Result<(), Reject> {
    let reader = c.reader(bytes).map_err(|e| corrupt(c, 0, "the whole file is", &e).record(1))?;
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut line: Vec<u8> = Vec::new();
    let mut offset = 0u64;
    let mut record = 0u32;
    loop {
        line.clear();
        // Bytes of this line so far, line end excluded (only the first `max` are kept).
        let mut len = 0usize;
        let mut ended = false;
        while !ended {
            let buf = match reader.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    let lost = format!("line {} onward is", record + 1);
                    return Err(corrupt(c, offset + len as u64, &lost, &e).record(record.saturating_add(1)));
                }
            };
            if buf.is_empty() {
                break;
            }
            let (take, used) = match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    ended = true;
                    (i, i + 1)
                }
                None => (buf.len(), buf.len()),
            };
            let room = max.saturating_sub(line.len());
            line.extend_from_slice(&buf[..take.min(room)]);
            len += take;
            reader.consume(used);
        }
        if !ended && len == 0 {
            return Ok(());
        }
        record = record.saturating_add(1);
        let mut kept = &line[..];
        let mut full = len;
        if kept.len() == len && kept.last() == Some(&b'\r') {
            kept = &kept[..kept.len() - 1];
            full -= 1;
        }
        let go_on = each(Line { record, offset, bytes: kept, too_long: full > max, len: full });
        offset += len as u64 + u64::from(ended);
        if !go_on || !ended {
            return Ok(());
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// Test support: `data` gzip- or zstd-compressed.
    pub(crate) fn compress(c: Compression, data: &[u8]) -> Vec<u8> {
        match c {
            Compression::Gzip => {
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
            // With a content checksum, as the zstd command line writes by default.
            Compression::Zstd => {
                let mut e = zstd::stream::write::Encoder::new(Vec::new(), 3).unwrap();
                e.include_checksum(true).unwrap();
                e.write_all(data).unwrap();
                e.finish().unwrap()
            }
        }
    }

    fn lines(c: Compression, bytes: &[u8], max: usize) -> (Vec<(u32, u64, String, bool)>, Result<(), Reject>) {
        let mut out = Vec::new();
        let r = for_each_line(c, bytes, max, |l| {
            out.push((l.record, l.offset, String::from_utf8_lossy(l.bytes).into_owned(), l.too_long));
            true
        });
        (out, r)
    }

    #[test]
    fn suffixes() {
        assert_eq!(Compression::from_path("a/b.jsonl.zst"), Some((Compression::Zstd, "a/b.jsonl")));
        assert_eq!(Compression::from_path("b.TXT.GZ"), Some((Compression::Gzip, "b.TXT")));
        assert_eq!(Compression::from_path("b.txt"), None);
        assert_eq!(Compression::from_path("dir.gz/file"), None);
    }

    #[test]
    fn lines_stream_with_offsets_crlf_and_a_cap() {
        let data = b"one\r\n\ntwo three\nlast";
        for c in [Compression::Gzip, Compression::Zstd] {
            let (got, r) = lines(c, &compress(c, data), 5);
            r.unwrap();
            let want = vec![
                (1, 0, "one".to_string(), false),
                (2, 5, String::new(), false),
                (3, 6, "two t".to_string(), true),
                (4, 16, "last".to_string(), false),
            ];
            assert_eq!(got, want, "{c:?}");
        }
    }

    #[test]
    fn concatenated_members_and_frames_are_one_stream() {
        for c in [Compression::Gzip, Compression::Zstd] {
            let mut bytes = compress(c, b"a\nb");
            bytes.extend(compress(c, b"c\nd\n"));
            let (got, r) = lines(c, &bytes, 100);
            r.unwrap();
            let texts: Vec<&str> = got.iter().map(|l| l.2.as_str()).collect();
            assert_eq!(texts, ["a", "bc", "d"], "{c:?}");
        }
    }

    #[test]
    fn truncated_stream_keeps_the_lines_before_and_names_the_offset() {
        // Varied text, a few hundred kilobytes: zstd hands out whole blocks (up to 128 KiB).
        let words = ["peace", "security", "Assembly", "development", "the", "of", "nations", "we", "must", "and"];
        let mut state = 7u64;
        let line = |i: usize, state: &mut u64| {
            let mut l = format!("line number {i}");
            for _ in 0..12 {
                l.push(' ');
                l.push_str(words[(crate::xorshift(state) % 10) as usize]);
            }
            l
        };
        let all: Vec<String> = (0..20_000).map(|i| line(i, &mut state)).collect();
        let data: String = all.iter().map(|l| format!("{l}\n")).collect();
        for c in [Compression::Gzip, Compression::Zstd] {
            let full = compress(c, data.as_bytes());
            let cut = &full[..full.len() / 2];
            let (got, r) = lines(c, cut, 1000);
            let rej = r.unwrap_err();
            assert_eq!(rej.code, RejectCode::Corrupt);
            assert!(!got.is_empty() && got.len() < all.len(), "{c:?} {}", got.len());
            // Every line handed out is whole and correct.
            for (i, l) in got.iter().enumerate() {
                assert_eq!(l.2, all[i]);
            }
            assert_eq!(rej.record as usize, got.len() + 1, "{rej}");
            let at = rej.byte_offset.unwrap();
            assert!(at >= got.last().unwrap().1, "{c:?}: {at}");
            assert!(rej.message.contains("decompressed bytes"), "{}", rej.message);
        }
    }

    #[test]
    fn corrupt_bytes_are_a_reject_not_a_panic() {
        let data: String = (0..500).map(|i| format!("{{\"text\": \"record {i}\"}}\n")).collect();
        for c in [Compression::Gzip, Compression::Zstd] {
            let mut bytes = compress(c, data.as_bytes());
            let mid = bytes.len() / 2;
            for b in &mut bytes[mid..mid + 8] {
                *b ^= 0x5a;
            }
            let (_, r) = lines(c, &bytes, 1000);
            assert_eq!(r.unwrap_err().code, RejectCode::Corrupt, "{c:?}");
            assert_eq!(decompress_all(c, &bytes, 1 << 20).unwrap_err().code, RejectCode::Corrupt, "{c:?}");
        }
        // Not compressed at all.
        assert_eq!(decompress_all(Compression::Zstd, b"plain text", 100).unwrap_err().code, RejectCode::Corrupt);
        assert_eq!(decompress_all(Compression::Gzip, b"plain text", 100).unwrap_err().code, RejectCode::Corrupt);
    }

    #[test]
    fn whole_documents_are_capped() {
        let c = Compression::Gzip;
        let bytes = compress(c, &[b'a'; 1000]);
        assert_eq!(decompress_all(c, &bytes, 1000).unwrap().len(), 1000);
        assert_eq!(decompress_all(c, &bytes, 999).unwrap_err().code, RejectCode::TooLarge);
    }
}
