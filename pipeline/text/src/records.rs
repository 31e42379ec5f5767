//! Records that pass between the language stages.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What kind of thing a mention names. The string forms are the values of
/// the `kind` column of the `mentions` table (see `schemas/mentions.schema.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A country by name ("Colombia", "the Russian Federation").
    Country,
    /// A capital city standing for its government ("Bogota", "Moscow").
    Capital,
    /// A seat of power or other metonym ("the White House", "the Kremlin").
    Metonym,
    /// A demonym or adjective ("Colombian", "Colombians").
    Demonym,
    /// A sitting head of state or government at the document date.
    Leader,
    /// A former head of state or government at the document date.
    FormerLeader,
    /// Another named official (a minister, an ambassador).
    Official,
    /// An organisation or bloc ("NATO", "BRICS", "ALBA").
    Organisation,
}

impl EntityKind {
    /// All kinds, in schema order.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Country,
        EntityKind::Capital,
        EntityKind::Metonym,
        EntityKind::Demonym,
        EntityKind::Leader,
        EntityKind::FormerLeader,
        EntityKind::Official,
        EntityKind::Organisation,
    ];

    /// The column value.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Country => "country",
            EntityKind::Capital => "capital",
            EntityKind::Metonym => "metonym",
            EntityKind::Demonym => "demonym",
            EntityKind::Leader => "leader",
            EntityKind::FormerLeader => "former_leader",
            EntityKind::Official => "official",
            EntityKind::Organisation => "organisation",
        }
    }
}

/// How a mention was linked. The string forms are the values of the
/// `method` column of the `mentions` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkMethod {
    /// The surface equals a knowledge-base name exactly (case aside).
    Exact,
    /// Matched after case and diacritic folding ("Bogota" for "Bogotá").
    Folded,
    /// Resolved with the document date (a leader within their term).
    Dated,
    /// Resolved from context (a full name earlier in the document).
    Context,
    /// Ambiguous; the best candidate was kept with lower confidence.
    Ambiguous,
}

impl LinkMethod {
    /// All methods, in schema order.
    pub const ALL: [LinkMethod; 5] =
        [LinkMethod::Exact, LinkMethod::Folded, LinkMethod::Dated, LinkMethod::Context, LinkMethod::Ambiguous];

    /// The column value.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkMethod::Exact => "exact",
            LinkMethod::Folded => "folded",
            LinkMethod::Dated => "dated",
            LinkMethod::Context => "context",
            LinkMethod::Ambiguous => "ambiguous",
        }
    }
}

/// A linked mention of an entity in a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Index of the sentence that contains the mention.
    pub sentence: usize,
    /// Byte span in the document text.
    pub span: Range<usize>,
    /// The text as written (`&text[span]`).
    pub surface: String,
    /// Canonical entity id: ISO 3166 alpha-3 for countries ("COL"),
    /// a knowledge-base id otherwise ("NATO", "leader:petro").
    pub entity_id: String,
    /// What kind of thing is named.
    pub kind: EntityKind,
    /// The country the entity stands for or belongs to, where there is one.
    pub country: Option<String>,
    /// How the link was made.
    pub method: LinkMethod,
    /// Confidence in the link, in [0, 1].
    pub confidence: f64,
}

/// One stance found in a sentence: `actor` aligns with or against `target`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceRecord {
    /// Index of the sentence the stance is read from.
    pub sentence: usize,
    /// Who takes the stance (ISO alpha-3, or a bloc id such as "NATO").
    pub actor: String,
    /// Toward whom (ISO alpha-3, or a bloc id).
    pub target: String,
    /// −2 adversary, −1 leaning against or rival, 0 neutral, +1 leaning toward or partner, +2 ally.
    pub label: i8,
    /// Confidence in the label, in [0, 1].
    pub confidence: f64,
    /// The phrase that carries the stance ("allies of", "remains neutral").
    pub cue: String,
    /// The cue is negated ("did not join the sanctions").
    pub negated: bool,
    /// The cue is hedged ("tend to", "may").
    pub hedged: bool,
    /// First year the sentence places the stance in, if it does.
    pub year_from: Option<i32>,
    /// Last year the sentence places the stance in, if it does.
    pub year_to: Option<i32>,
    /// Whose classification the sentence reports ("CNN"), if not the author's.
    pub attributed_to: Option<String>,
    /// Byte span of the evidence in the document text.
    pub evidence: Range<usize>,
    /// Index (into the document's mentions) of the mention naming the actor, if any.
    pub actor_mention: Option<usize>,
    /// Index (into the document's mentions) of the mention naming the target, if any.
    pub target_mention: Option<usize>,
    /// How the actor was found: named in the sentence, through an anaphor or an earlier clause, or
    /// as the document's speaker ("we", "my Government").
    pub actor_via: ActorVia,
}

/// How a stance's actor was found ([`StanceRecord::actor_via`]; the `stances.actor_via` column).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorVia {
    /// A mention or side phrase of the sentence names the actor ("Russia", "the West"), or the
    /// possessive owner or passive agent of the act ("Russia's war", "imposed by the United States").
    #[default]
    Named,
    /// An anaphor ("the republic", "it", "these countries") or the subject of an earlier clause.
    Anaphor,
    /// A first-person side ("we", "our country", "my Government", "my delegation") read as the
    /// document's speaker (`documents.speaker`).
    Speaker,
}

impl ActorVia {
    /// The column value: `named`, `anaphor` or `speaker`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorVia::Named => "named",
            ActorVia::Anaphor => "anaphor",
            ActorVia::Speaker => "speaker",
        }
    }
}
