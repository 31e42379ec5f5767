-- rule: offsets_sentences_inside_documents
-- why: a sentence's [start, end) must lie inside its document's text and be non-empty.
select s.doc_id, s.sentence, s.start, s."end", d.chars
from sentences s
join documents d on s.doc_id = d.doc_id
where s.start < 0 or s."end" > d.chars or s.start >= s."end"
