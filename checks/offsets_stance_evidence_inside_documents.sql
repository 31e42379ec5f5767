-- rule: offsets_stance_evidence_inside_documents
-- why: the evidence span of a stance lies inside its document's text.
select t.doc_id, t.sentence, t.stance, t.evidence_start, t.evidence_end, d.chars
from stances t
join documents d on t.doc_id = d.doc_id
where t.evidence_start < 0 or t.evidence_end > d.chars or t.evidence_start >= t.evidence_end
