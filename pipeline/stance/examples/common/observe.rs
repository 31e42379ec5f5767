//! A stance record as an `orbita-aggregate` observation, for the examples that pool the labeller's
//! stances (`stance_eval`'s seed check, `stance_unga`). Included with `#[path]`.

/// `r`, read in document `doc_id` (dated `doc_date`), as an observation whose source is the
/// document itself, of kind `source_kind`.
pub fn observation(r: &orbita_text::StanceRecord, doc_id: &str, doc_date: Option<orbita_text::Date>, source_kind: &str) -> orbita_aggregate::Observation {
    orbita_aggregate::Observation {
        doc_id: doc_id.to_string(),
        sentence: r.sentence as u32,
        actor: r.actor.clone(),
        target: r.target.clone(),
        label: r.label,
        confidence: r.confidence,
        negated: r.negated,
        hedged: r.hedged,
        year_from: r.year_from,
        year_to: r.year_to,
        doc_date,
        source: doc_id.to_string(),
        source_kind: source_kind.into(),
        attributed_to: r.attributed_to.clone(),
    }
}
