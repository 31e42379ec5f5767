-- rule: alignment_period_matches_year
-- why: a year row has period equal to its year; the "current" row has no year.
select country, target, period, perspective, year
from alignment
where (period = 'current' and year is not null)
   or (period <> 'current' and (year is null or cast(year as varchar) <> period))
