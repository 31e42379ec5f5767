-- rule: text_not_empty
-- why: documents and sentences carry text; an empty one is an ingest or split bug.
select 'documents' as tbl, doc_id, -1 as sentence
from documents
where length(trim(text)) = 0
union all
select 'sentences' as tbl, doc_id, sentence
from sentences
where length(trim(text)) = 0
