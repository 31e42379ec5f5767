//! Compressed copies of test inputs: gzip and zstd (with a checksum) of a byte string, as the
//! official-speech inputs arrive. Included with `#[path]` by `orbita-ingest`'s and `orbita`'s
//! (the CLI's) tests of compressed inputs.

#![allow(dead_code)]

use std::io::Write;

/// `data` gzip-compressed.
pub fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// `data` zstd-compressed at level 3, with a content checksum.
pub fn zst(data: &[u8]) -> Vec<u8> {
    let mut e = zstd::stream::write::Encoder::new(Vec::new(), 3).unwrap();
    e.include_checksum(true).unwrap();
    e.write_all(data).unwrap();
    e.finish().unwrap()
}
