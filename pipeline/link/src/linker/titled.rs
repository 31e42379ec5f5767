//! Surnames after an office title that the name automaton does not link:
//! a misspelt or misread surname of a sitting leader ("President Roussef",
//! "President Macky Sail" in the UN corpus's transcripts), and a surname the
//! knowledge base keeps as no short form because it is a common English name
//! ("President Kennedy").
//!
//! After "President" or "Prime Minister" and one to three capitalised words
//! that no mention covers, the last word (four letters or more) is looked up
//! among the surnames of the people (the last word of each full name, and
//! their short and weak forms):
//! - spelt exactly, it links the one person who held that office by the
//!   document's date;
//! - one edit away (a letter missing, extra or changed), it links the one
//!   person in that office at the document's date whose given name is written
//!   before it ("Macky Sail"), or, with the surname alone, whose country the
//!   document names ("President Roussef" in a speech that names Brazil) or
//!   whose surname is the only one near a misspelling of seven letters or more
//!   ("President Roussef" in a speech that does not).
//!
//! A name inside a URL or a Markdown link target is skipped, as by the main scan.
//!
//! Two candidates, no date, or a title that names no office: nothing is linked.
//! Lookup is by a symmetric-deletion index (every surname and each of its
//! one-letter deletions), so a title costs a few hash lookups.

use super::{capitalised, edit_distance, in_url_or_path, same_given_name, Linker};
use crate::fold::fold;
use crate::kb::{NameStrength, NameTarget, Office, Standing};
use orbita_text::{Date, EntityKind, LinkMethod, Mention};
use std::collections::HashMap;
use std::ops::Range;

/// Titles read here, with the office they name.
const TITLES: &[(&str, Office)] = &[("President ", Office::President), ("Prime Minister ", Office::HeadOfGovernment)];

/// The surnames of the people, for [`Linker::titled_surnames`].
#[derive(Clone, Debug, Default)]
pub(super) struct SurnameIndex {
    /// Folded lower-case surname or one of its one-letter deletions → (surname, person).
    keys: HashMap<String, Vec<(u32, u32)>>,
    /// The surnames, folded and lower case.
    surnames: Vec<String>,
}

/// `w` and each of its one-letter deletions.
fn deletions(w: &str) -> Vec<String> {
    let chars: Vec<char> = w.chars().collect();
    let mut out = vec![w.to_string()];
    for i in 0..chars.len() {
        let d: String = chars.iter().enumerate().filter(|&(j, _)| j != i).map(|(_, c)| c).collect();
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

fn key(w: &str) -> String {
    fold(w).to_lowercase()
}

impl SurnameIndex {
    pub(super) fn new(names: &[crate::kb::NameEntry]) -> SurnameIndex {
        let mut idx = SurnameIndex::default();
        let mut seen: HashMap<(String, u32), ()> = HashMap::new();
        for n in names {
            let NameTarget::Person { person, strength } = n.target else { continue };
            let surname = match strength {
                NameStrength::Full => n.text.rsplit(' ').next().unwrap_or(""),
                _ => n.text.as_str(),
            };
            let k = key(surname);
            if k.chars().count() < 4 || k.contains(' ') || seen.insert((k.clone(), person as u32), ()).is_some() {
                continue;
            }
            let si = idx.surnames.len() as u32;
            idx.surnames.push(k.clone());
            for d in deletions(&k) {
                idx.keys.entry(d).or_default().push((si, person as u32));
            }
        }
        idx
    }

    /// (person, edit distance ≤ 1) for a written surname.
    fn lookup(&self, written: &str) -> Vec<(usize, usize)> {
        let w = key(written);
        let mut out: Vec<(usize, usize)> = Vec::new();
        for d in deletions(&w) {
            for &(si, p) in self.keys.get(&d).map_or(&[][..], Vec::as_slice) {
                let dist = edit_distance(&w, &self.surnames[si as usize]);
                if dist <= 1 {
                    match out.iter_mut().find(|(q, _)| *q == p as usize) {
                        Some(e) => e.1 = e.1.min(dist),
                        None => out.push((p as usize, dist)),
                    }
                }
            }
        }
        out
    }
}

/// The capitalised words right after byte `i` (single spaces between, at most three): their spans.
fn capitalised_words(text: &str, i: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = i;
    while out.len() < 3 {
        let rest = &text[pos..];
        let len: usize = rest.char_indices().find(|&(_, c)| !(c.is_alphabetic() || c == '-')).map_or(rest.len(), |(j, _)| j);
        let w = &rest[..len];
        if w.is_empty() || !capitalised(w) {
            break;
        }
        out.push(pos..pos + len);
        pos += len;
        if text[pos..].starts_with(' ') {
            pos += 1;
        } else {
            break;
        }
    }
    out
}

impl Linker {
    /// Mentions of people named by a surname after an office title that
    /// `linked` does not cover (see the module documentation).
    pub(super) fn titled_surnames(&self, original: &str, text: &str, linked: &[Mention], date: Option<Date>) -> Vec<Mention> {
        let Some(date) = date else { return Vec::new() };
        let mut out = Vec::new();
        for &(title, office) in TITLES {
            for at in memchr::memmem::find_iter(text.as_bytes(), title.as_bytes()) {
                let words = capitalised_words(text, at + title.len());
                let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
                let span = first.start..last.end;
                if linked.iter().any(|m| m.span.start < span.end && span.start < m.span.end) || in_url_or_path(text, span.clone()) {
                    continue;
                }
                let surname = &text[last.clone()];
                if surname.chars().count() < 4 || self.is_known_word(surname) {
                    continue;
                }
                let given = (words.len() >= 2).then(|| key(&text[first.clone()]));
                let fits = |p: usize| self.people[p].held(office);
                let found = self.surnames.lookup(surname);
                let exact: Vec<usize> = found
                    .iter()
                    .filter(|&&(p, d)| d == 0 && fits(p) && self.people[p].terms.iter().any(|t| t.role.is_leader() && t.start <= date))
                    .map(|&(p, _)| p)
                    .collect();
                let near: Vec<usize> = found
                    .iter()
                    .filter(|&&(p, d)| {
                        d == 1
                            && fits(p)
                            && self.people[p].standing(date) == Standing::Leader
                            && match &given {
                                Some(g) => self.people[p].given_names.iter().any(|k| same_given_name(g, k)),
                                // A surname alone, misspelt, needs the person's country named in the document,
                                // or seven letters or more that no other person's surname is near.
                                None => {
                                    linked.iter().any(|m| m.country.as_deref() == Some(self.people[p].country.as_str()))
                                        || (surname.chars().count() >= 7 && found.len() == 1)
                                }
                            }
                    })
                    .map(|&(p, _)| p)
                    .collect();
                let person = match (exact.as_slice(), near.as_slice()) {
                    ([p], _) => *p,
                    ([], [p]) => *p,
                    _ => continue,
                };
                // A written given name must be the person's (or absent).
                if let Some(g) = &given {
                    if !self.people[person].given_names.iter().any(|k| same_given_name(g, k)) {
                        continue;
                    }
                }
                let p = &self.people[person];
                let kind = match p.standing(date) {
                    Standing::Leader => EntityKind::Leader,
                    Standing::FormerLeader => EntityKind::FormerLeader,
                    Standing::Official | Standing::Other => EntityKind::Official,
                };
                out.push(Mention {
                    sentence: 0,
                    span: span.clone(),
                    surface: original[span].to_string(),
                    entity_id: p.id.clone(),
                    kind,
                    country: Some(p.country.clone()),
                    method: LinkMethod::Context,
                    confidence: 0.6,
                });
            }
        }
        out
    }
}
