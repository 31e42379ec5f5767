-- rule: offsets_mentions_inside_sentences
-- why: a mention lies inside the sentence it is attributed to, and its surface is the text at its offsets.
select m.doc_id, m.mention, m.sentence, m.start, m."end", s.start as sentence_start, s."end" as sentence_end
from mentions m
join sentences s on m.doc_id = s.doc_id and m.sentence = s.sentence
where m.start < s.start or m."end" > s."end" or m.start >= m."end"
   or substr(s.text, m.start - s.start + 1, m."end" - m.start) <> m.surface
