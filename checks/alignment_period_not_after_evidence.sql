-- rule: alignment_period_not_after_evidence
-- why: a year row of alignment rests on its evidence sentences; a period later than the newest year of the documents they come from (a stance placed in a future year, a wrong date) is not yet evidenced.
with refs as (
    select a.country, a.target, a.period, a.perspective, a.year, a.evidence ->> e.fullkey as ref
    from alignment a, json_each(a.evidence) e
    where a.period <> 'current'
),
ref_docs as (
    select country, target, period, perspective, year, split_part(ref, ':', 1) as doc_id
    from refs
),
newest as (
    select r.country, r.target, r.period, r.perspective, r.year,
           max(year(coalesce(d.date_to, d.date_from))) as newest_year
    from ref_docs r
    join documents d on r.doc_id = d.doc_id
    group by r.country, r.target, r.period, r.perspective, r.year
)
select country, target, period, perspective, newest_year
from newest
where year > newest_year
