-- rule: stances_score_is_label_times_confidence
-- why: score is defined as label x confidence.
select doc_id, sentence, stance, label, confidence, score
from stances
where abs(score - label * confidence) > 0.000000001
