-- rule: fk_stances_sentences
-- why: every stance is read from a sentence in sentences.
select t.doc_id, t.sentence, t.stance
from stances t
left join sentences s on t.doc_id = s.doc_id and t.sentence = s.sentence
where s.doc_id is null
