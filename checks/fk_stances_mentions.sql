-- rule: fk_stances_mentions
-- why: a stance's actor_mention and target_mention, when set, name mentions of the same document.
select t.doc_id, t.sentence, t.stance, t.actor_mention, t.target_mention
from stances t
left join mentions a on t.doc_id = a.doc_id and t.actor_mention = a.mention
left join mentions b on t.doc_id = b.doc_id and t.target_mention = b.mention
where (t.actor_mention is not null and a.doc_id is null)
   or (t.target_mention is not null and b.doc_id is null)
