-- rule: offsets_sentences_text_matches
-- why: sentences.text must equal documents.text[start:end] (character offsets), so analysts can trust the offsets.
-- partition: doc_id
select s.doc_id, s.sentence, s.start, s."end"
from sentences s
join documents d on s.doc_id = d.doc_id
where substr(d.text, s.start + 1, s."end" - s.start) <> s.text
