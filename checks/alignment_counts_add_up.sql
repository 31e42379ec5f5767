-- rule: alignment_counts_add_up
-- why: the per-label counts add up to the number of stances, documents and sources never exceed stances, and the stances read indirectly are some of them.
select country, target, period, perspective, stances, indirect, n_adversary, n_against, n_neutral, n_toward, n_ally
from alignment
where n_adversary + n_against + n_neutral + n_toward + n_ally <> stances
   or documents > stances or sources > documents or indirect > stances
