//! orbita-link: the knowledge base and the entity linker of orbita's pure
//! language core.
//!
//! [`Kb`] is parsed from the TSV files under `data/kb/` (countries from ISO
//! 3166-1 with their names, demonyms, capitals and seats of power;
//! organisations and blocs with members; heads of state and government with
//! dated terms; blockers and context cues). [`Linker`] finds the mentions of
//! those entities in a text: one Aho-Corasick pass, then disambiguation of
//! homonyms and of people by title, context and document date. No I/O: the
//! caller reads the files and the text.
//!
//! Entity ids in [`orbita_text::Mention`]:
//! - countries and demonyms: the ISO alpha-3 code ("COL"), `country` the same;
//! - capitals: "city:<slug>" ("city:bogota"), seats of power and other
//!   metonyms: "seat:<slug>" ("seat:kremlin"), with `country` the ISO code
//!   they stand for;
//! - organisations and blocs: an upper-case id ("NATO", "ALBA", "UNSC",
//!   "WEST"), `country` set only for national bodies ("USAID" → "USA");
//! - people: "person:<slug>" with `country` their country and kind leader,
//!   former_leader or official at the document date.
//!
//! ```
//! use orbita_link::{Kb, Linker};
//! let countries = "id\talpha2\tnumeric\tdisplay\tnames\nCOL\tCO\t170\tColombia\tColombia\n";
//! let names = "id\tkind\tnames\tentity\tflags\nCOL\tcapital\tBogotá\tcity:bogota\n";
//! let kb = Kb::parse(&[("countries.tsv", countries), ("country_names.tsv", names)]).unwrap();
//! let linker = Linker::new(&kb);
//! let text = "Bogota recalled its ambassador. Colombia's move surprised no one.";
//! let mentions = linker.link(text, &[0..31, 32..text.len()], None);
//! let found: Vec<_> = mentions.iter().map(|m| (m.entity_id.as_str(), m.country.as_deref(), m.sentence)).collect();
//! assert_eq!(found, [("city:bogota", Some("COL"), 0), ("COL", Some("COL"), 1)]);
//! ```

pub mod fold;
pub mod kb;
pub mod linker;

pub use kb::{Kb, KbError};
pub use linker::Linker;
