//! Closed word lists that both the tokenizer (which gives their words a class,
//! [`crate::tokens::Word::has`]) and the labeller read: prepositions,
//! determiners, clause openers and the verbs of a break or a turn.
//!
//! ```ignore
//! assert!(OBLIQUE.contains(&"against"));
//! ```

/// Prepositions after which an entity is oblique (not a subject); their words carry the class `tokens::OBLIQUE_PREP`.
pub(crate) const OBLIQUE: &[&str] = &[
    "with", "to", "from", "by", "of", "against", "on", "at", "toward", "towards", "in", "into", "for", "between", "among",
    "within", "across", "over", "under", "about", "than", "via", "during", "through", "throughout", "after", "before",
    "called", "named", "dubbed",
];
/// Words that open a new clause.
pub(crate) const CLAUSE_OPENERS: &[&str] = &["but", "although", "though", "whereas", "while", "however", "yet", "if", "unless"];
/// Openers of a subordinate clause that ends at the comma before the main clause's subject; their words carry the class `tokens::SUBORDINATOR`.
pub(crate) const SUBORDINATORS: &[&str] = &["although", "though", "if", "unless", "when", "while", "because", "since", "as"];
/// Determiners `sides::prev_word` skips; their words carry the class `tokens::DETERMINER`.
pub(crate) const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "our", "both", "all", "other", "fellow"];
/// Verbs that break with someone.
pub(crate) const BREAK_VERBS: &[&str] = &["distance", "distanced", "distances", "distancing", "move", "moved", "moves", "moving", "turn", "turned", "turns", "turning", "break", "broke", "breaks", "breaking"];
/// Verbs of a turn ("the 2025 election changed this situation").
pub(crate) const TURN_VERBS: &[&str] = &["changed", "reversed", "upended", "overturned", "ended", "transformed"];

/// Head nouns of names that hold a place or a person but are no side acting: a summit, treaty,
/// format, doctrine or platform ("the Vilnius Summit", "the Minsk agreements", "the Washington
/// Consensus", "the Rome Statute", "the Paris Agreement", "the Beijing Platform for Action").
pub(crate) const NAME_HEADS: &[&str] = &[
    "summit", "agreement", "agreements", "accord", "accords", "consensus", "doctrine", "platform", "statute", "declaration",
    "protocol", "protocols", "process", "format", "communique", "communiqué", "convention", "conventions", "charter", "principles",
    "programme", "agenda", "framework", "memorandum", "initiative", "formula", "round", "talks", "plan", "treaty", "group",
    "conference", "commitment", "commitments", "document", "understandings", "rules", "guidelines", "action",
];
