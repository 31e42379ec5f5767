-- rule: documents_speaker_is_an_id
-- why: a speaker is an upper-case id (ISO 3166 alpha-3 such as USA, or a bloc id such as EU) of 2 to 12 characters without spaces; ingest checks the full pattern ^[A-Z][A-Z0-9]{1,11}$.
select doc_id, speaker
from documents
where speaker is not null
  and (length(speaker) < 2 or length(speaker) > 12 or upper(speaker) <> speaker or speaker like '% %')
