-- rule: fk_mentions_sentences
-- why: every mention belongs to a sentence in sentences.
select m.doc_id, m.mention, m.sentence
from mentions m
left join sentences s on m.doc_id = s.doc_id and m.sentence = s.sentence
where s.doc_id is null
