-- rule: alignment_interval_contains_score
-- why: the credible interval contains the score, inside [-2, 2].
select country, target, period, perspective, score_low, score, score_high
from alignment
where score_low > score or score > score_high or score_low < -2 or score_high > 2
