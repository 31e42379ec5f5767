//! Byte-level scanning for the tokenizer: a table of the short lexicon
//! words, byte classes, and word tricks in a `u64` register.

use super::{Ent, Tok, Word};
use compact_str::CompactString;


/// An open-addressing table from words of up to 16 bytes (packed into a `u128`)
/// to (id, classes); answers `None` for longer words, which the caller looks up
/// elsewhere. Probing reads a small array of tags (fits the L1 cache); the
/// entries are read only on a tag match. At most one slot in eight is taken:
/// a word not listed (most words) is told by its first slot, seldom its second.
#[derive(Clone, Debug)]
pub(super) struct ShortTable {
    /// Per slot: 0 if empty, else a fingerprint of the word's hash (never 0).
    pub(super) tags: Vec<u16>,
    /// Per slot: (packed word, length), (id, classes).
    pub(super) entries: Vec<((u128, usize), (u32, u32))>,
    /// Per slot: the word, ready to clone (no copy through a byte buffer).
    pub(super) texts: Vec<CompactString>,
    pub(super) mask: usize,
}

impl ShortTable {
    pub(super) fn new(n: usize) -> ShortTable {
        let size = (n * 8).next_power_of_two().max(16);
        ShortTable { tags: vec![0; size], entries: vec![((0, 0), (0, 0)); size], texts: vec![CompactString::default(); size], mask: size - 1 }
    }

    #[inline]
    pub(super) fn key(w: &[u8]) -> u128 {
        let mut buf = [0u8; 16];
        buf[..w.len()].copy_from_slice(w);
        u128::from_le_bytes(buf)
    }

    /// (first slot, tag) of a packed word.
    #[inline]
    pub(super) fn hash(&self, k: u128, n: usize) -> (usize, u16) {
        let h = (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((k >> 64) as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ n as u64;
        let h = h ^ (h >> 29);
        (h as usize & self.mask, (h >> 48) as u16 | 1)
    }

    pub(super) fn insert(&mut self, w: &[u8], v: (u32, u32)) {
        if w.is_empty() || w.len() > 16 {
            return;
        }
        let k = ShortTable::key(w);
        let (mut i, tag) = self.hash(k, w.len());
        while self.tags[i] != 0 {
            i = (i + 1) & self.mask;
        }
        self.tags[i] = tag;
        self.entries[i] = ((k, w.len()), v);
        self.texts[i] = CompactString::from_utf8(w).expect("lexicon words are text");
    }

    /// `Some(value)` for a listed word, `Some((0, 0))` for an unlisted word of up to 16 bytes, `None` for a longer one.
    #[inline]
    pub(super) fn get(&self, w: &[u8]) -> Option<(u32, u32)> {
        if w.is_empty() || w.len() > 16 {
            return None;
        }
        Some(self.get_key(ShortTable::key(w), w.len()))
    }

    /// The value of the packed word `k` of `n` (1..=16) bytes; (0, 0) if unlisted.
    #[inline]
    pub(super) fn get_key(&self, k: u128, n: usize) -> (u32, u32) {
        self.find(k, n).map_or((0, 0), |i| self.entries[i].1)
    }

    /// The slot of the packed word `k` of `n` (1..=16) bytes, if listed.
    #[inline]
    pub(super) fn find(&self, k: u128, n: usize) -> Option<usize> {
        let (mut i, tag) = self.hash(k, n);
        loop {
            let t = self.tags[i];
            if t == 0 {
                return None;
            }
            if t == tag {
                let (sk, sn) = self.entries[i].0;
                if sn == n && sk == k {
                    return Some(i);
                }
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// [`BYTE_CLASS`] of an ASCII byte that is no letter or digit.
pub(super) const SEPARATOR: u8 = 0;
/// [`BYTE_CLASS`] of an ASCII letter or digit.
pub(super) const ALNUM: u8 = 1;
/// Per byte: [`SEPARATOR`], [`ALNUM`], or 2 for a byte of a non-ASCII character.
pub(super) static BYTE_CLASS: [u8; 256] = {
    let mut t = [2u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if (b as u8).is_ascii_alphanumeric() { ALNUM } else { SEPARATOR };
        b += 1;
    }
    t
};

/// The length of the run of ASCII letters and digits that starts `b`, read eight bytes at a time.
#[inline]
pub(super) fn alnum_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b[n..].first_chunk::<8>() {
        let other = !alnum_bytes(u64::from_le_bytes(*chunk)) & HIGH_BITS;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..].iter().position(|&c| BYTE_CLASS[c as usize] != ALNUM).unwrap_or(b.len() - n)
}

/// The high bit of each byte.
pub(super) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// `c` in every byte.
pub(super) const fn splat(c: u8) -> u64 {
    0x0101_0101_0101_0101 * c as u64
}

/// The high bit of each byte of `x` that is an ASCII letter or digit. On the low seven bits
/// of a byte, adding `0x80 - c` sets the high bit exactly when the byte is at least `c`, and
/// never carries into the next byte.
#[inline]
pub(super) fn alnum_bytes(x: u64) -> u64 {
    let low = x & !HIGH_BITS;
    let at_least = |v: u64, c: u8| v.wrapping_add(splat(0x80 - c)) & HIGH_BITS;
    // `| 0x20` folds A–Z onto a–z and maps no other byte there.
    let folded = low | splat(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(low, b'0') & !at_least(low, b'9' + 1);
    (letter | digit) & !x & HIGH_BITS
}

/// The bytes of a word of up to eight bytes as a little-endian `u64` (zero above the word).
pub(super) fn packed(w: &[u8]) -> u64 {
    let mut eight = [0u8; 8];
    eight[..w.len()].copy_from_slice(w);
    u64::from_le_bytes(eight)
}

/// ASCII lower case of eight ASCII bytes at once (`A`–`Z` gain 0x20; no byte reaches 0x80, so no carry).
#[inline]
pub(super) fn ascii_lower(x: u64) -> u64 {
    let at_least_a = x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F);
    let above_z = x.wrapping_add(0x2525_2525_2525_2525);
    x | ((at_least_a & !above_z & 0x8080_8080_8080_8080) >> 2)
}

/// Whether the four bytes of `x` (little-endian) are ASCII digits: each is 0x3_ and stays so when 6 is added (no carry between bytes).
#[inline]
pub(super) fn four_digits(x: u32) -> bool {
    x & 0xF0F0_F0F0 == 0x3030_3030 && x.wrapping_add(0x0606_0606) & 0xF0F0_F0F0 == 0x3030_3030
}

/// The [`Tokenizer::may_trigger`] slot of a word's first and last bytes: ASCII case is
/// ignored (`| 0x20`), then five bits of each.
#[inline]
pub(super) fn shape(f: u8, l: u8) -> usize {
    (((f | 0x20) & 31) as usize) << 5 | ((l | 0x20) & 31) as usize
}

/// Writes token `*n` of `toks` (over an old one if there is one) and counts it.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(super) fn put<'a>(toks: &mut Vec<Tok<'a>>, n: &mut usize, start: usize, end: usize, word: Word<'a>, punct: Option<char>, ent: Option<Ent<'a>>, capital: bool) {
    if let Some(t) = toks.get_mut(*n) {
        t.start = start;
        t.end = end;
        t.word = word;
        t.punct = punct;
        t.ent = ent;
        t.capital = capital;
    } else {
        toks.push(Tok { start, end, word, punct, ent, capital });
    }
    *n += 1;
}

/// `c.is_alphanumeric()`, without the table lookup for the General Punctuation
/// block (U+2000–U+206F: quotes, dashes, spaces), which holds no letter or digit.
#[inline]
pub(super) fn alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// The character at byte `i` of `text` and its length, ASCII first.
#[inline]
pub(super) fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = text[i..].chars().next().unwrap();
        (c, c.len_utf8())
    }
}
