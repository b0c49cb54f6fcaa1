-- Control totals: waiters within 18 and over 52 weeks in the CCG mart, plus those of non-geographic
-- and unmatched commissioners, equal England's (NONC aside, as NHS England leaves it out) for every
-- month × measure × specialty. Both sides are counted from the raw tables' own week bands
-- (int_rtt_published_by_commissioner_month), so a pathway lost or doubled anywhere between raw and
-- marts.ccg_waiting_times fails here.
with

raw_by_measure as (
    select * from {{ ref('int_rtt_published_by_commissioner_month') }}
    where commissioner_code <> 'NONC'
),

england as (
    select
        month,
        measure,
        specialty,
        sum(raw_within_18_weeks) as within_18_weeks,
        sum(raw_over_52_weeks) as over_52_weeks
    from raw_by_measure
    group by
        month,
        measure,
        specialty
),

not_attributed as (
    select
        raw_by_measure.month,
        raw_by_measure.measure,
        raw_by_measure.specialty,
        sum(raw_by_measure.raw_within_18_weeks) as within_18_weeks,
        sum(raw_by_measure.raw_over_52_weeks) as over_52_weeks
    from raw_by_measure
    inner join {{ ref('int_commissioners_mapped') }} as commissioners
        on raw_by_measure.commissioner_code = commissioners.commissioner_code
    where commissioners.attribution <> 'attributed'
    group by
        raw_by_measure.month,
        raw_by_measure.measure,
        raw_by_measure.specialty
),

ccg_totals as (
    select
        month,
        measure,
        specialty,
        sum(coalesce(within_18_weeks, 0)) as within_18_weeks,
        sum(coalesce(over_52_weeks, 0)) as over_52_weeks
    from {{ ref('ccg_waiting_times') }}
    group by
        month,
        measure,
        specialty
)

select
    england.month,
    england.measure,
    england.specialty,
    england.within_18_weeks as england_within_18,
    ccg_totals.within_18_weeks + coalesce(not_attributed.within_18_weeks, 0) as summed_within_18,
    england.over_52_weeks as england_over_52,
    ccg_totals.over_52_weeks + coalesce(not_attributed.over_52_weeks, 0) as summed_over_52
from england
left join ccg_totals
    on
        england.month = ccg_totals.month
        and england.measure = ccg_totals.measure
        and england.specialty = ccg_totals.specialty
left join not_attributed
    on
        england.month = not_attributed.month
        and england.measure = not_attributed.measure
        and england.specialty = not_attributed.specialty
where
    {{ differs('england.within_18_weeks', 'ccg_totals.within_18_weeks + coalesce(not_attributed.within_18_weeks, 0)') }}
    or {{ differs('england.over_52_weeks', 'ccg_totals.over_52_weeks + coalesce(not_attributed.over_52_weeks, 0)') }}
