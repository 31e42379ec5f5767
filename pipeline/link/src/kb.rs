//! The knowledge base: countries, their names, demonyms, capitals and seats of
//! power, organisations and blocs, people with dated terms of office, and the
//! "blockers" (longer names that stop a wrong link, context cues).
//!
//! It is parsed from the reviewable TSV files under `data/kb/` (see
//! `data/kb/README.md`). Each file is recognised by its header line, so a
//! kind of fact may be split over several files. Parsing is pure: the caller
//! reads the files and passes `(name, content)` pairs.
//!
//! ```
//! use orbita_link::Kb;
//! let countries = "id\talpha2\tnumeric\tdisplay\tnames\nCOL\tCO\t170\tColombia\tColombia\n";
//! let kb = Kb::parse(&[("countries.tsv", countries)]).unwrap();
//! assert_eq!(kb.name("COL"), Some("Colombia"));
//! assert!(kb.is_country("COL"));
//! ```

use orbita_text::{Date, EntityKind};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Why the knowledge base could not be parsed. Every message names the file
/// (and the line, counted from 1, where there is one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KbError {
    /// The file has no header line, or its header is not one the parser knows.
    #[error("{file}: unknown header {header:?}; expected one of the knowledge-base layouts in data/kb/README.md")]
    UnknownLayout {
        /// File name relative to `data/kb/`.
        file: String,
        /// The header line as found (empty when the file has none).
        header: String,
    },
    /// A row is malformed or refers to something the knowledge base does not have.
    #[error("{file}:{line}: {reason}")]
    BadRow {
        /// File name relative to `data/kb/`.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// No file with the countries layout was given.
    #[error("no countries file among the {files} knowledge-base files given (expected data/kb/countries.tsv)")]
    NoCountries {
        /// How many files were given.
        files: usize,
    },
}

/// Why a blocker name is in the knowledge base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockReason {
    /// A place that is not a country ("New Mexico").
    Place,
    /// A region ("Latin America").
    Region,
    /// A group of people or a person ("Native American", "Chad Wolf").
    Person,
    /// A thing named after a place ("Indian Ocean", "Bank of America").
    Thing,
    /// A US state; also a cue that a homonym such as "Georgia" is the state.
    UsState,
    /// A word pointing to US domestic context ("Governor", "county").
    UsCue,
    /// A word pointing to the foreign reading of a homonym ("Tbilisi", "Caucasus").
    ForeignCue,
}

impl BlockReason {
    fn parse(s: &str) -> Option<BlockReason> {
        Some(match s {
            "place" => BlockReason::Place,
            "region" => BlockReason::Region,
            "person" => BlockReason::Person,
            "thing" => BlockReason::Thing,
            "us-state" => BlockReason::UsState,
            "us-cue" => BlockReason::UsCue,
            "foreign-cue" => BlockReason::ForeignCue,
            _ => return None,
        })
    }
}

/// How a short form of a person's name may be linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameStrength {
    /// A full name: always linked.
    Full,
    /// A short form that is distinctive enough alone ("Lula", "Putin").
    Short,
    /// A short form that is a common word or surname ("Paz", "Castro"): needs
    /// a title before it or a full name earlier in the document.
    Weak,
}

/// What a name in the knowledge base points to.
#[derive(Clone, Debug, PartialEq)]
pub enum NameTarget {
    /// A country, capital, seat of power, demonym or organisation.
    Entity {
        /// Entity id ("COL", "city:bogota", "NATO").
        id: String,
        /// Kind of mention this name makes.
        kind: EntityKind,
        /// The country it stands for, if any.
        country: Option<String>,
    },
    /// A person (index into [`Kb::people`]).
    Person {
        /// Index into [`Kb::people`].
        person: usize,
        /// How the name may be linked.
        strength: NameStrength,
    },
    /// Not linked; matched to stop a shorter wrong link, or as a context cue.
    Block(BlockReason),
}

/// Homonym flags of a name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameFlags {
    /// Also a personal or brand name: not linked next to another capitalised name.
    pub name: bool,
    /// Also a US state or town: not linked in a US-domestic sentence.
    pub us_state: bool,
}

/// One name of the knowledge base.
#[derive(Clone, Debug, PartialEq)]
pub struct NameEntry {
    /// The name as written in the knowledge base.
    pub text: String,
    /// What it names.
    pub target: NameTarget,
    /// Homonym flags.
    pub flags: NameFlags,
    /// First day the name has this meaning ("Russia" is the USSR until
    /// 1991-12-26), if the knowledge base dates it.
    pub from: Option<Date>,
    /// First day the name no longer has this meaning (exclusive), if dated.
    pub to: Option<Date>,
}

impl NameEntry {
    /// Whether the name has this meaning at `date`. Without a date, only
    /// meanings that have not ended count (the name as read today).
    pub fn valid_at(&self, date: Option<Date>) -> bool {
        match date {
            Some(d) => self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d < t),
            None => self.to.is_none(),
        }
    }
}

/// A state that is not (or not only) a current ISO 3166-1 country: a
/// dissolved, split or merged state (the Soviet Union, Yugoslavia, the GDR,
/// South Yemen), or one ISO 3166-1 does not list (Kosovo), from `states.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Its id: ISO 3166-3 alpha-3 where there is one ("SUN"), else a code
    /// that ISO 3166 does not assign ("XKX", "RVN").
    pub id: String,
    /// Display name.
    pub display: String,
    /// First day of its existence as a state, if known.
    pub start: Option<Date>,
    /// First day it no longer existed (exclusive); `None` while it exists.
    pub end: Option<Date>,
    /// The current state a series of this one folds into (SUN → RUS), for
    /// a notebook's one join; `None` while it exists.
    pub successor: Option<String>,
    /// Every state that succeeded it directly (CSK → CZE, SVK).
    pub successors: Vec<String>,
}

/// A dated membership of a country in a bloc, from `memberships.tsv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    /// The member (a country id).
    pub member: String,
    /// First day of membership, if known (else: a founding member whose
    /// date the file does not give).
    pub start: Option<Date>,
    /// First day it was no longer a member (exclusive); `None`: still a member.
    pub end: Option<Date>,
}

impl Membership {
    /// Whether the membership covers `date`.
    pub fn covers(&self, date: Date) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date < e)
    }
}

/// A role held in a term of office.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Head of state (president, monarch).
    HeadOfState,
    /// Head of government (prime minister, premier, chancellor).
    HeadOfGovernment,
    /// Both (presidential systems).
    HeadOfStateAndGovernment,
    /// A minister or secretary.
    Minister,
    /// A vice president.
    VicePresident,
    /// The president of an international assembly (the UN General Assembly),
    /// addressed as "President" but never a state's leader: an official of the
    /// state whose delegate they are.
    AssemblyPresident,
    /// Another official.
    Official,
}

impl Role {
    fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "head_of_state" => Role::HeadOfState,
            "head_of_government" => Role::HeadOfGovernment,
            "head_of_state_and_government" => Role::HeadOfStateAndGovernment,
            "minister" => Role::Minister,
            "vice_president" => Role::VicePresident,
            "assembly_president" => Role::AssemblyPresident,
            "official" => Role::Official,
            _ => return None,
        })
    }

    /// Whether the role makes its holder a leader (head of state or government).
    pub fn is_leader(self) -> bool {
        matches!(self, Role::HeadOfState | Role::HeadOfGovernment | Role::HeadOfStateAndGovernment)
    }

    /// Whether the role is an office of the holder's state. Presiding over the
    /// UN General Assembly is not: its president is that state's official only
    /// while also holding a state office (a foreign minister).
    pub fn is_state_office(self) -> bool {
        self != Role::AssemblyPresident
    }
}

/// An office named by a title before a surname ("President", "Prime
/// Minister", "Secretary").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Office {
    /// "President": a head of state, or of state and government.
    President,
    /// "Prime Minister", "Premier", "Chancellor": a head of government.
    HeadOfGovernment,
    /// "King", "Queen", "Emperor": a head of state.
    Monarch,
    /// "Secretary", "Minister": a minister.
    Minister,
    /// "Vice President".
    VicePresident,
    /// "Leader", "Dictator": any leader role.
    AnyLeader,
    /// A title that names no office here ("Chairman", "Senator").
    None,
}

/// A dated term of office. `end` is exclusive (the successor's first day);
/// `None` means still in office.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The role held.
    pub role: Role,
    /// First day in office.
    pub start: Date,
    /// First day out of office, if the term has ended.
    pub end: Option<Date>,
}

impl Term {
    /// Whether `date` falls within the term.
    pub fn covers(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date < e)
    }
}

/// A person of the knowledge base.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// "person:<slug>".
    pub id: String,
    /// ISO alpha-3 of the country they serve.
    pub country: String,
    /// Display name (the first full name).
    pub display: String,
    /// First given names of the full names, folded to lower-case ASCII
    /// ("xiomara", "iris"), to recognise "Ciomara Castro" as a spelling of
    /// "Xiomara Castro" and "Joaquin Castro" as someone else.
    pub given_names: Vec<String>,
    /// Terms of office, in file order.
    pub terms: Vec<Term>,
}

/// Where a person stood at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// In a leader role at the date.
    Leader,
    /// In another office at the date.
    Official,
    /// Held a leader role before the date, none at it.
    FormerLeader,
    /// Holds no office at the date and never led before it (a candidate, a
    /// future leader, a former minister).
    Other,
}

impl Person {
    /// Where the person stood at `date`.
    pub fn standing(&self, date: Date) -> Standing {
        if self.terms.iter().any(|t| t.role.is_leader() && t.covers(date)) {
            Standing::Leader
        } else if self.terms.iter().any(|t| t.role.is_state_office() && t.covers(date)) {
            Standing::Official
        } else if self.terms.iter().any(|t| t.role.is_leader() && t.start <= date) {
            Standing::FormerLeader
        } else {
            Standing::Other
        }
    }

    /// Whether the person has presided over the UN General Assembly by
    /// `date` and neither holds a state office at it nor led their state
    /// before it: a former foreign minister in the chair or thanked after it
    /// speaks for the Assembly, not for a state, and names no state's official
    /// (a former minister who never presided stays an official, as the
    /// knowledge base's people files say).
    pub fn presided_without_state_office(&self, date: Date) -> bool {
        self.terms.iter().any(|t| t.role == Role::AssemblyPresident && t.start <= date) && self.standing(date) == Standing::Other
    }

    /// Whether any term covers `date`.
    pub fn in_office(&self, date: Date) -> bool {
        self.terms.iter().any(|t| t.covers(date))
    }

    /// Whether the person ever held the office a title names. Iran's
    /// president is recorded as head of government under the Supreme
    /// Leader, so "President" also fits a head of government who is not
    /// called prime minister there (the country has no other). A President
    /// of the UN General Assembly is addressed as "President" too ("President
    /// Ping" in the speeches of his session).
    pub fn held(&self, office: Office) -> bool {
        self.terms.iter().any(|t| match office {
            Office::President => matches!(t.role, Role::HeadOfState | Role::HeadOfStateAndGovernment | Role::AssemblyPresident)
                || (t.role == Role::HeadOfGovernment && self.country == "IRN"),
            Office::HeadOfGovernment => t.role == Role::HeadOfGovernment && self.country != "IRN",
            Office::Monarch => t.role == Role::HeadOfState,
            Office::Minister => t.role == Role::Minister,
            Office::VicePresident => t.role == Role::VicePresident,
            Office::AnyLeader => t.role.is_leader(),
            Office::None => false,
        })
    }

    /// Whether the person ever held a leader role.
    pub fn ever_leader(&self) -> bool {
        self.terms.iter().any(|t| t.role.is_leader())
    }

    /// Days between `date` and the nearest day of any term (0 when in office).
    pub fn distance_days(&self, date: Date) -> i32 {
        let d = date.days_since_epoch();
        self.terms
            .iter()
            .map(|t| {
                let s = t.start.days_since_epoch();
                let e = t.end.map_or(i32::MAX, |e| e.days_since_epoch());
                if d < s {
                    s - d
                } else if d >= e {
                    d - e + 1
                } else {
                    0
                }
            })
            .min()
            .unwrap_or(i32::MAX)
    }
}

/// The parsed knowledge base.
#[derive(Clone, Debug, Default)]
pub struct Kb {
    names: Vec<NameEntry>,
    display: HashMap<String, String>,
    countries: HashSet<String>,
    members: HashMap<String, Vec<String>>,
    memberships: HashMap<String, Vec<Membership>>,
    states: BTreeMap<String, State>,
    people: Vec<Person>,
}

struct Table<'a> {
    file: &'a str,
    columns: Vec<&'a str>,
    rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Table<'a> {
    fn read(file: &'a str, content: &'a str) -> Table<'a> {
        let mut columns = Vec::new();
        let mut rows = Vec::new();
        for (i, raw) in content.lines().enumerate() {
            let line = raw.strip_suffix('\r').unwrap_or(raw);
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if columns.is_empty() {
                columns = fields;
            } else {
                rows.push((i + 1, fields));
            }
        }
        Table { file, columns, rows }
    }

    /// Whether the header is `cols`, followed by none, some or all of
    /// `optional` in order.
    fn has(&self, cols: &[&str], optional: &[&str]) -> bool {
        let n = self.columns.len();
        n >= cols.len()
            && n <= cols.len() + optional.len()
            && self.columns.iter().zip(cols.iter().chain(optional)).all(|(a, b)| a == b)
    }

    fn err(&self, line: usize, reason: impl Into<String>) -> KbError {
        KbError::BadRow { file: self.file.to_string(), line, reason: reason.into() }
    }

    /// The fields of each row, padded with empty strings, checked for count.
    fn records(&self) -> Result<Vec<(usize, Vec<&'a str>)>, KbError> {
        let n = self.columns.len();
        let mut out = Vec::with_capacity(self.rows.len());
        for (line, fields) in &self.rows {
            if fields.len() > n {
                return Err(self.err(*line, format!("{} fields, the header has {n} columns", fields.len())));
            }
            let mut f = fields.clone();
            f.resize(n, "");
            if f[0].is_empty() {
                return Err(self.err(*line, format!("empty {:?}", self.columns[0])));
            }
            out.push((*line, f));
        }
        Ok(out)
    }
}

const COUNTRIES: &[&str] = &["id", "alpha2", "numeric", "display", "names"];
const COUNTRY_NAMES: &[&str] = &["id", "kind", "names", "entity", "flags"];
const ORGANISATIONS: &[&str] = &["id", "names", "country", "members", "flags"];
const PEOPLE: &[&str] = &["id", "country", "names", "short", "weak"];
const TERMS: &[&str] = &["person", "role", "start", "end", "note"];
const BLOCKERS: &[&str] = &["names", "reason"];
const STATES: &[&str] = &["id", "display", "start", "end", "successor", "successors", "names"];
const MEMBERSHIPS: &[&str] = &["bloc", "member", "start", "end"];
/// Optional trailing columns of a layout: dated meanings of country names,
/// notes of states and memberships.
const COUNTRY_NAMES_OPTIONAL: &[&str] = &["from", "to"];
const NOTE: &[&str] = &["note"];

/// An optional date field: empty is `None`.
fn opt_date(t: &Table, line: usize, s: &str, what: &str) -> Result<Option<Date>, KbError> {
    if s.is_empty() {
        return Ok(None);
    }
    Date::parse(s).map(Some).map_err(|e| t.err(line, format!("{what}: {e}")))
}

/// Checks that a dated range ends after it starts.
fn check_range(t: &Table, line: usize, from: Option<Date>, to: Option<Date>) -> Result<(), KbError> {
    match (from, to) {
        (Some(f), Some(e)) if e <= f => Err(t.err(line, format!("the range ends ({e}) before it starts ({f})"))),
        _ => Ok(()),
    }
}

fn split_names(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|n| !n.is_empty())
}

fn parse_flags(t: &Table, line: usize, s: &str) -> Result<NameFlags, KbError> {
    let mut flags = NameFlags::default();
    for f in s.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        match f {
            "name" => flags.name = true,
            "us-state" => flags.us_state = true,
            other => return Err(t.err(line, format!("unknown flag {other:?} (expected name, us-state)"))),
        }
    }
    Ok(flags)
}

/// A name must start with a capital letter, or with "the " and a capital
/// ("the West"): the linker only tries matches at such word starts.
fn check_name(t: &Table, line: usize, name: &str) -> Result<(), KbError> {
    let rest = name.strip_prefix("the ").unwrap_or(name);
    if rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(t.err(line, format!("name {name:?} does not start with a capital letter (or \"the \" and a capital)")))
    }
}

fn slug(s: &str) -> String {
    let folded = crate::fold::fold(s).to_ascii_lowercase();
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

impl Kb {
    /// Parses the knowledge base from its files: (file name relative to
    /// `data/kb/`, file content). The caller passes every regular file under
    /// `data/kb/` whose name ends in `.tsv`, `.csv` or `.toml` (recursively,
    /// excluding `data/kb/tools/`), sorted by name. Only `.tsv` files are
    /// read; each is recognised by its header line. Errors name the file,
    /// line and reason.
    pub fn parse(files: &[(&str, &str)]) -> Result<Kb, KbError> {
        let mut tables: BTreeMap<&str, Vec<Table>> = BTreeMap::new();
        for (file, content) in files {
            if !file.ends_with(".tsv") {
                continue;
            }
            let t = Table::read(file, content);
            let layout = [
                ("countries", COUNTRIES, &[][..]),
                ("states", STATES, NOTE),
                ("country_names", COUNTRY_NAMES, COUNTRY_NAMES_OPTIONAL),
                ("organisations", ORGANISATIONS, &[][..]),
                ("memberships", MEMBERSHIPS, NOTE),
                ("people", PEOPLE, &[][..]),
                ("terms", TERMS, &[][..]),
                ("blockers", BLOCKERS, &[][..]),
            ]
            .iter()
            .find(|(_, cols, optional)| t.has(cols, optional))
            .map(|(name, _, _)| *name);
            match layout {
                Some(name) => tables.entry(name).or_default().push(t),
                None => {
                    return Err(KbError::UnknownLayout { file: file.to_string(), header: t.columns.join("\t") })
                }
            }
        }
        let mut kb = Kb::default();
        let empty = Vec::new();
        let get = |name: &str| tables.get(name).unwrap_or(&empty);
        if get("countries").is_empty() {
            return Err(KbError::NoCountries { files: files.len() });
        }
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut push = |kb: &mut Kb, text: &str, target: NameTarget, flags: NameFlags, from: Option<Date>, to: Option<Date>| {
            let key = (text.to_string(), format!("{target:?} {from:?} {to:?}"));
            if seen.insert(key) {
                kb.names.push(NameEntry { text: text.to_string(), target, flags, from, to });
            } else if let Some(e) =
                kb.names.iter_mut().find(|e| e.text == text && e.target == target && e.from == from && e.to == to)
            {
                e.flags.name |= flags.name;
                e.flags.us_state |= flags.us_state;
            }
        };
        for t in get("countries") {
            for (line, f) in t.records()? {
                let id = f[0];
                if id.len() != 3 || !id.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(t.err(line, format!("country id {id:?} is not an ISO 3166-1 alpha-3 code")));
                }
                kb.countries.insert(id.to_string());
                let display = if f[3].is_empty() { split_names(f[4]).next().unwrap_or(id) } else { f[3] };
                kb.display.insert(id.to_string(), display.to_string());
                let target = NameTarget::Entity { id: id.into(), kind: EntityKind::Country, country: Some(id.into()) };
                for n in split_names(f[4]) {
                    check_name(t, line, n)?;
                    push(&mut kb, n, target.clone(), NameFlags::default(), None, None);
                }
            }
        }
        for t in get("states") {
            for (line, f) in t.records()? {
                let id = f[0];
                if id.len() != 3 || !id.bytes().all(|b| b.is_ascii_uppercase()) {
                    return Err(t.err(line, format!("state id {id:?} is not three capital letters")));
                }
                if kb.countries.contains(id) {
                    return Err(t.err(line, format!("state {id} is also in countries.tsv")));
                }
                let start = opt_date(t, line, f[2], "start")?;
                let end = opt_date(t, line, f[3], "end")?;
                check_range(t, line, start, end)?;
                let successors: Vec<String> =
                    f[5].split(',').map(str::trim).filter(|m| !m.is_empty()).map(String::from).collect();
                let successor = (!f[4].is_empty()).then(|| f[4].to_string());
                if end.is_some() != successor.is_some() {
                    return Err(t.err(line, format!("state {id}: give a successor exactly when it has an end")));
                }
                kb.countries.insert(id.to_string());
                let display = if f[1].is_empty() { split_names(f[6]).next().unwrap_or(id) } else { f[1] };
                kb.display.insert(id.to_string(), display.to_string());
                let target = NameTarget::Entity { id: id.into(), kind: EntityKind::Country, country: Some(id.into()) };
                for n in split_names(f[6]) {
                    check_name(t, line, n)?;
                    push(&mut kb, n, target.clone(), NameFlags::default(), None, None);
                }
                let state = State { id: id.to_string(), display: display.to_string(), start, end, successor, successors };
                kb.states.insert(id.to_string(), state);
            }
        }
        for t in get("states") {
            for (line, f) in t.records()? {
                let s = &kb.states[f[0]];
                if let Some(c) = s.successor.iter().chain(&s.successors).find(|c| !kb.countries.contains(c.as_str())) {
                    return Err(t.err(line, format!("unknown successor {c:?} of {}", s.id)));
                }
                if let Some(c) = s.successor.as_deref().and_then(|c| kb.states.get(c)).filter(|c| c.end.is_some()) {
                    return Err(t.err(line, format!("successor {} of {} no longer exists: name the state a series folds into", c.id, s.id)));
                }
            }
        }
        // Names from countries.tsv and states.tsv (generated or undated): a
        // name that country_names.tsv dates ("Russia", "Yemen") takes their place.
        let undated = kb.names.len();
        let mut dated: HashSet<String> = HashSet::new();
        for t in get("country_names") {
            for (_, f) in t.records()? {
                if !f.get(5).copied().unwrap_or("").is_empty() || !f.get(6).copied().unwrap_or("").is_empty() {
                    dated.extend(split_names(f[2]).map(String::from));
                }
            }
        }
        let mut k = 0;
        kb.names.retain(|e| {
            k += 1;
            k > undated || !dated.contains(&e.text)
        });
        for t in get("country_names") {
            for (line, f) in t.records()? {
                let id = f[0];
                if !kb.countries.contains(id) {
                    return Err(t.err(line, format!("unknown country {id:?} (not in countries.tsv)")));
                }
                let flags = parse_flags(t, line, f[4])?;
                let from = opt_date(t, line, f.get(5).copied().unwrap_or(""), "from")?;
                let to = opt_date(t, line, f.get(6).copied().unwrap_or(""), "to")?;
                check_range(t, line, from, to)?;
                let kind = match f[1] {
                    "display" => {
                        kb.display.insert(id.to_string(), f[2].to_string());
                        continue;
                    }
                    "country" => EntityKind::Country,
                    "demonym" => EntityKind::Demonym,
                    "capital" => EntityKind::Capital,
                    "metonym" => EntityKind::Metonym,
                    other => {
                        return Err(t.err(
                            line,
                            format!("unknown kind {other:?} (expected display, country, demonym, capital, metonym)"),
                        ))
                    }
                };
                let mut first = None;
                for n in split_names(f[2]) {
                    check_name(t, line, n)?;
                    let entity = match (kind, f[3]) {
                        (EntityKind::Capital, "") => format!("city:{}", slug(first.get_or_insert(n))),
                        (EntityKind::Metonym, "") => format!("seat:{}", slug(first.get_or_insert(n))),
                        (_, "") => id.to_string(),
                        (_, e) => e.to_string(),
                    };
                    if entity != id && !kb.display.contains_key(&entity) {
                        kb.display.insert(entity.clone(), n.to_string());
                    }
                    let target = NameTarget::Entity { id: entity, kind, country: Some(id.into()) };
                    push(&mut kb, n, target, flags, from, to);
                }
            }
        }
        for t in get("organisations") {
            for (line, f) in t.records()? {
                let id = f[0];
                let country = match f[2] {
                    "" => None,
                    c if kb.countries.contains(c) => Some(c.to_string()),
                    c => return Err(t.err(line, format!("unknown country {c:?} for organisation {id}"))),
                };
                let members: Vec<String> =
                    f[3].split(',').map(str::trim).filter(|m| !m.is_empty()).map(String::from).collect();
                if let Some(m) = members.iter().find(|m| !kb.countries.contains(m.as_str())) {
                    return Err(t.err(line, format!("unknown member country {m:?} of {id}")));
                }
                if !members.is_empty() {
                    kb.members.insert(id.to_string(), members);
                }
                let flags = parse_flags(t, line, f[4])?;
                let mut names = split_names(f[1]).peekable();
                let Some(display) = names.peek() else {
                    return Err(t.err(line, format!("organisation {id} has no names")));
                };
                kb.display.insert(id.to_string(), display.to_string());
                let target = NameTarget::Entity { id: id.into(), kind: EntityKind::Organisation, country };
                for n in names {
                    check_name(t, line, n)?;
                    push(&mut kb, n, target.clone(), flags, None, None);
                }
            }
        }
        for t in get("memberships") {
            for (line, f) in t.records()? {
                let bloc = f[0];
                if !kb.display.contains_key(bloc) || kb.countries.contains(bloc) {
                    return Err(t.err(line, format!("unknown bloc {bloc:?} (not in organisations.tsv)")));
                }
                if !kb.countries.contains(f[1]) {
                    return Err(t.err(line, format!("unknown member country {:?} of {bloc}", f[1])));
                }
                let start = opt_date(t, line, f[2], "start")?;
                let end = opt_date(t, line, f[3], "end")?;
                check_range(t, line, start, end)?;
                kb.memberships.entry(bloc.to_string()).or_default().push(Membership { member: f[1].to_string(), start, end });
            }
        }
        for (bloc, list) in &kb.memberships {
            // The current members, as members() answers; memberships.tsv replaces the members column.
            let mut current: Vec<String> = list.iter().filter(|m| m.end.is_none()).map(|m| m.member.clone()).collect();
            current.sort();
            current.dedup();
            kb.members.insert(bloc.clone(), current);
        }
        let mut person_index: HashMap<String, usize> = HashMap::new();
        for t in get("people") {
            for (line, f) in t.records()? {
                let id = f[0];
                if !id.starts_with("person:") {
                    return Err(t.err(line, format!("person id {id:?} does not start with \"person:\"")));
                }
                if !kb.countries.contains(f[1]) {
                    return Err(t.err(line, format!("unknown country {:?} for {id}", f[1])));
                }
                if person_index.contains_key(id) {
                    return Err(t.err(line, format!("{id} is listed twice")));
                }
                let full: Vec<&str> = split_names(f[2]).collect();
                let Some(display) = full.first() else {
                    return Err(t.err(line, format!("{id} has no full name")));
                };
                let mut given_names: Vec<String> = Vec::new();
                for n in &full {
                    let words: Vec<&str> = n.split_whitespace().collect();
                    if words.len() >= 2 {
                        let g = crate::fold::fold(words[0]).to_ascii_lowercase();
                        if !given_names.contains(&g) {
                            given_names.push(g);
                        }
                    }
                }
                let idx = kb.people.len();
                person_index.insert(id.to_string(), idx);
                kb.display.insert(id.to_string(), display.to_string());
                kb.people.push(Person {
                    id: id.to_string(),
                    country: f[1].to_string(),
                    display: display.to_string(),
                    given_names,
                    terms: Vec::new(),
                });
                for (col, strength) in [(2, NameStrength::Full), (3, NameStrength::Short), (4, NameStrength::Weak)] {
                    for n in split_names(f[col]) {
                        check_name(t, line, n)?;
                        push(&mut kb, n, NameTarget::Person { person: idx, strength }, NameFlags::default(), None, None);
                    }
                }
            }
        }
        for t in get("terms") {
            for (line, f) in t.records()? {
                let Some(&idx) = person_index.get(f[0]) else {
                    return Err(t.err(line, format!("unknown person {:?} (not in people.tsv)", f[0])));
                };
                let role = Role::parse(f[1]).ok_or_else(|| {
                    t.err(line, format!("unknown role {:?} (expected head_of_state, head_of_government, head_of_state_and_government, minister, vice_president, official)", f[1]))
                })?;
                let date = |s: &str, what: &str| Date::parse(s).map_err(|e| t.err(line, format!("{what}: {e}")));
                let start = date(f[2], "start")?;
                let end = if f[3].is_empty() { None } else { Some(date(f[3], "end")?) };
                if end.is_some_and(|e| e <= start) {
                    return Err(t.err(line, format!("term of {} ends ({}) before it starts ({start})", f[0], f[3])));
                }
                kb.people[idx].terms.push(Term { role, start, end });
            }
        }
        if let Some(p) = kb.people.iter().find(|p| p.terms.is_empty()) {
            let t = &get("people")[0];
            return Err(KbError::BadRow {
                file: t.file.to_string(),
                line: 0,
                reason: format!("{} has no term in terms.tsv", p.id),
            });
        }
        for t in get("blockers") {
            for (line, f) in t.records()? {
                let reason = BlockReason::parse(f[1]).ok_or_else(|| {
                    t.err(line, format!("unknown reason {:?} (expected place, region, person, thing, us-state, us-cue, foreign-cue)", f[1]))
                })?;
                for n in split_names(f[0]) {
                    check_name(t, line, n)?;
                    push(&mut kb, n, NameTarget::Block(reason), NameFlags::default(), None, None);
                }
            }
        }
        Ok(kb)
    }

    /// Display name of an entity id ("COL" → "Colombia", "person:lula" →
    /// "Luiz Inácio Lula da Silva"), for reports.
    pub fn name(&self, entity_id: &str) -> Option<&str> {
        self.display.get(entity_id).map(String::as_str)
    }

    /// Whether the id is a country (ISO 3166 alpha-3) in the KB.
    pub fn is_country(&self, id: &str) -> bool {
        self.countries.contains(id)
    }

    /// Members of a bloc where the bloc stands for a side (e.g. "ALBA" →
    /// [..]), if known; empty otherwise.
    pub fn members(&self, bloc_id: &str) -> &[String] {
        self.members.get(bloc_id).map_or(&[], Vec::as_slice)
    }

    /// The members of a bloc at `date`, sorted, from its dated memberships
    /// (`memberships.tsv`); for a bloc without them, [`Kb::members`].
    pub fn members_at(&self, bloc_id: &str, date: Date) -> Vec<&str> {
        match self.memberships.get(bloc_id) {
            Some(list) => {
                let mut v: Vec<&str> = list.iter().filter(|m| m.covers(date)).map(|m| m.member.as_str()).collect();
                v.sort_unstable();
                v.dedup();
                v
            }
            None => self.members(bloc_id).iter().map(String::as_str).collect(),
        }
    }

    /// The dated memberships of a bloc (empty when `memberships.tsv` has none).
    pub fn memberships(&self, bloc_id: &str) -> &[Membership] {
        self.memberships.get(bloc_id).map_or(&[], Vec::as_slice)
    }

    /// A state of `states.tsv` (dissolved, merged or not in ISO 3166-1), by id.
    pub fn state(&self, id: &str) -> Option<&State> {
        self.states.get(id)
    }

    /// The states of `states.tsv`, by id.
    pub fn states(&self) -> impl Iterator<Item = &State> {
        self.states.values()
    }

    /// The current state a series of `id` folds into: its successor for a
    /// state that no longer exists (SUN → RUS), else `id` itself.
    pub fn fold_id<'a>(&'a self, id: &'a str) -> &'a str {
        self.states.get(id).and_then(|s| s.successor.as_deref()).unwrap_or(id)
    }

    /// Every name of the knowledge base, blockers included.
    pub fn names(&self) -> &[NameEntry] {
        &self.names
    }

    /// The people with dated terms.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// ISO alpha-3 codes of all countries, sorted.
    pub fn country_ids(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.countries.iter().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: &str = "# comment\nid\talpha2\tnumeric\tdisplay\tnames\nCOL\tCO\t170\tColombia\tColombia|Republic of Colombia\nBRA\tBR\t076\tBrazil\tBrazil\n";

    #[test]
    fn parses_countries_names_and_people() {
        let names = "id\tkind\tnames\tentity\tflags\nCOL\tdemonym\tColombian\nCOL\tcapital\tBogotá\nCOL\tcountry\tColombia\t\tname\n";
        let people = "id\tcountry\tnames\tshort\tweak\nperson:lula\tBRA\tLuiz Inácio Lula da Silva|Lula da Silva\tLula\n";
        let terms = "person\trole\tstart\tend\tnote\nperson:lula\thead_of_state_and_government\t2003-01-01\t2011-01-01\nperson:lula\thead_of_state_and_government\t2023-01-01\n";
        let orgs = "id\tnames\tcountry\tmembers\tflags\nBRICS\tBRICS\t\tBRA\n";
        let kb = Kb::parse(&[
            ("countries.tsv", C),
            ("country_names.tsv", names),
            ("organisations.tsv", orgs),
            ("people.tsv", people),
            ("terms.tsv", terms),
            ("notes.toml", "ignored = true"),
        ])
        .unwrap();
        assert_eq!(kb.name("city:bogota"), Some("Bogotá"));
        assert_eq!(kb.name("person:lula"), Some("Luiz Inácio Lula da Silva"));
        assert_eq!(kb.members("BRICS"), ["BRA".to_string()]);
        assert!(kb.members("UN").is_empty());
        assert!(kb.is_country("BRA") && !kb.is_country("BRICS"));
        let lula = kb.person("person:lula").unwrap();
        assert_eq!(lula.given_names, vec!["luiz", "lula"]);
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(lula.standing(d("2005-06-01")), Standing::Leader);
        assert_eq!(lula.standing(d("2015-06-01")), Standing::FormerLeader);
        assert_eq!(lula.standing(d("2025-06-01")), Standing::Leader);
        assert_eq!(lula.standing(d("1999-06-01")), Standing::Other);
        // The flag from country_names.tsv is merged into the generated name.
        let colombia = kb.names().iter().find(|n| n.text == "Colombia").unwrap();
        assert!(colombia.flags.name);
    }

    #[test]
    fn errors_name_file_line_and_reason() {
        let bad = "id\tkind\tnames\tentity\tflags\nXXX\tcountry\tNowhere\n";
        let e = Kb::parse(&[("countries.tsv", C), ("country_names.tsv", bad)]).unwrap_err();
        assert_eq!(e.to_string(), "country_names.tsv:2: unknown country \"XXX\" (not in countries.tsv)");
        let terms = "person\trole\tstart\tend\tnote\nperson:x\tking\t2000-01-01\n";
        let people = "id\tcountry\tnames\tshort\tweak\nperson:x\tCOL\tX Y\n";
        let e = Kb::parse(&[("countries.tsv", C), ("people.tsv", people), ("terms.tsv", terms)]).unwrap_err();
        assert!(e.to_string().starts_with("terms.tsv:2: unknown role \"king\""), "{e}");
        let lower = "names\treason\ncounty\tus-cue\n";
        let e = Kb::parse(&[("blockers.tsv", lower), ("countries.tsv", C)]).unwrap_err();
        assert!(e.to_string().starts_with("blockers.tsv:2: name \"county\" does not start with a capital"), "{e}");
        let e = Kb::parse(&[("countries.tsv", C), ("odd.tsv", "a\tb\n1\t2\n")]).unwrap_err();
        assert!(matches!(e, KbError::UnknownLayout { .. }));
        let e = Kb::parse(&[("country_names.tsv", "id\tkind\tnames\tentity\tflags\n")]).unwrap_err();
        assert_eq!(e, KbError::NoCountries { files: 1 });
        let dates = "person\trole\tstart\tend\tnote\nperson:x\tminister\t2010-01-01\t2009-01-01\n";
        let e = Kb::parse(&[("countries.tsv", C), ("people.tsv", people), ("terms.tsv", dates)]).unwrap_err();
        assert!(e.to_string().contains("ends (2009-01-01) before it starts"), "{e}");
    }
}
