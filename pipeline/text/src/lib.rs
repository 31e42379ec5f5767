//! Shared types of orbita's pure language core.
//!
//! Every stage crate (`orbita-ingest`, `orbita-split`, `orbita-link`,
//! `orbita-stance`, `orbita-aggregate`) speaks in these types. Nothing here
//! does I/O or knows about Arrow.
//!
//! Offsets: the core works in **byte** offsets into the UTF-8 document text
//! (cheap to compute, safe to slice). The table layer converts them to
//! **character** (Unicode code point) offsets with [`CharOffsets`] before
//! writing, so that Python's `text[start:end]` returns the span.
//!
//! ```
//! use orbita_text::{CharOffsets, Date};
//! let text = "Bogotá recalled its ambassador.";
//! let mut conv = CharOffsets::new(text);
//! assert_eq!(conv.to_char(7), 6); // "á" is two bytes, one character
//! assert_eq!(Date::parse("2025-10-16").unwrap().year, 2025);
//! ```

mod date;
mod offsets;
mod records;

pub use date::{Date, DateError};
pub use offsets::{byte_to_char_offsets, char_count, CharOffsets};
pub use records::{ActorVia, EntityKind, LinkMethod, Mention, StanceRecord};
