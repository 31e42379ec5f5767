-- rule: stances_actor_differs_from_target
-- why: a country does not take a stance toward itself.
select doc_id, sentence, stance, actor, target
from stances
where actor = target
