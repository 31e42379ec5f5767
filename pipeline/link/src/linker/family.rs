//! Families of leaders and the terms a person mention stands for.
//!
//! "The Kirchners", "the Castros", "the Gandhis": a surname in the plural after
//! "the" names a family of leaders when every person of the knowledge base who
//! bears it belongs to one country and one of them led it. The mention is
//! linked to the member the document date picks (the latest in office);
//! [`Linker::office_terms`] gives the joined terms of the whole family, which
//! the stance crate uses to place "under the Kirchners' leadership" in years.

use super::{Linker, Raw};
use crate::fold::fold;
use crate::kb::{NameStrength, NameTarget};
use orbita_text::{Date, Mention};

impl Linker {
    /// The candidates of a plural match (`r.plural`) if they are one family of
    /// leaders: all of one country, at least one of them a leader.
    pub(super) fn family_of(&self, r: &Raw, cands: &[(usize, NameStrength, bool)]) -> Option<Vec<(usize, NameStrength, bool)>> {
        if !r.plural || cands.is_empty() {
            return None;
        }
        let country = &self.people[cands[0].0].country;
        let one_country = cands.iter().all(|c| self.people[c.0].country == *country);
        (one_country && cands.iter().any(|c| self.people[c.0].ever_leader())).then(|| cands.to_vec())
    }

    /// The leader-role terms `(first day, first day out)` of the person `m`
    /// names; for a family in the plural ("the Kirchners"), of every person of
    /// that country whose short or weak name is the surname. Empty for a
    /// mention that is no person of the knowledge base.
    pub fn office_terms(&self, m: &Mention) -> Vec<(Date, Option<Date>)> {
        let Some(p) = self.people.iter().position(|p| p.id == m.entity_id) else { return Vec::new() };
        let mut people = vec![p];
        let surface = m.surface.trim_end_matches(['\'', '’']);
        if let Some(stem) = surface.strip_suffix('s').filter(|s| !s.is_empty()) {
            let stem = fold(stem).to_lowercase();
            for n in &self.names {
                if let NameTarget::Person { person, strength } = n.target {
                    if strength != NameStrength::Full
                        && !people.contains(&person)
                        && self.people[person].country == self.people[p].country
                        && fold(&n.text).to_lowercase() == stem
                    {
                        people.push(person);
                    }
                }
            }
        }
        people
            .iter()
            .flat_map(|&i| self.people[i].terms.iter().filter(|t| t.role.is_leader()).map(|t| (t.start, t.end)))
            .collect()
    }

    /// The leader-role term of `country` that ended at a change of leader on `date` (within 60 days
    /// before it, or on it): the predecessor's, the one begun latest where several end then.
    pub fn predecessor_term(&self, country: &str, date: Date) -> Option<(Date, Option<Date>)> {
        let day = date.days_since_epoch();
        self.people
            .iter()
            .filter(|p| p.country == country)
            .flat_map(|p| p.terms.iter().filter(|t| t.role.is_leader()))
            .filter(|t| t.end.is_some_and(|e| (day - 60..=day).contains(&e.days_since_epoch())) && t.start < date)
            .max_by_key(|t| t.start)
            .map(|t| (t.start, t.end))
    }
}
