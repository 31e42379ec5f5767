-- rule: stances_cue_not_empty
-- why: every stance names what it was read from (a cue phrase, or the model's top feature); the
-- column is required, and an empty string is a missing value to frictionless and most readers.
select doc_id, sentence, stance, actor, target, labeller
from stances
where cue is null or length(trim(cue)) = 0
