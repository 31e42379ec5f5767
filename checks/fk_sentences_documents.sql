-- rule: fk_sentences_documents
-- why: every sentence belongs to a document in documents.
select s.doc_id, s.sentence
from sentences s
left join documents d on s.doc_id = d.doc_id
where d.doc_id is null
