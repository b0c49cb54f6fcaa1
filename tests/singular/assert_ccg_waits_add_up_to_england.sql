-- Control totals: waiters within 18 and over 52 weeks in the CCG mart, plus those of
-- non-geographic and unmatched commissioners (NONC aside, as NHS England leaves it out), equal
-- England's for every month × measure × specialty.
{%- set bands = rtt_week_bands() %}

with

activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
),

ccg_totals as (
    select
        month,
        measure,
        specialty,
        sum(coalesce(within_18_weeks, 0)) as within_18_weeks,
        sum(coalesce(waiting_52_plus, 0)) as over_52_weeks
    from {{ ref('ccg_waiting_times') }}
    group by
        month,
        measure,
        specialty
),

not_attributed as (
    select
        activity.month,
        activity.measure,
        activity.specialty,
        sum(
            {%- for band in bands if band.upper_week and band.upper_week <= 18 %}
                coalesce(activity.{{ band.staged }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as within_18_weeks,
        sum(
            {%- for band in bands if band.lower_week >= 52 %}
                coalesce(activity.{{ band.staged }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as over_52_weeks
    from activity
    inner join commissioners on activity.commissioner_code = commissioners.commissioner_code
    where
        commissioners.attribution <> 'attributed'
        and activity.commissioner_code <> 'NONC'
    group by
        activity.month,
        activity.measure,
        activity.specialty
)

select
    england.month,
    england.measure,
    england.specialty,
    england.within_18_weeks as england_within_18,
    ccg_totals.within_18_weeks + coalesce(not_attributed.within_18_weeks, 0) as summed_within_18,
    england.over_52_weeks as england_over_52,
    ccg_totals.over_52_weeks + coalesce(not_attributed.over_52_weeks, 0) as summed_over_52
from {{ ref('england_waiting_times') }} as england
inner join ccg_totals
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
    coalesce(england.within_18_weeks, 0) <> ccg_totals.within_18_weeks + coalesce(not_attributed.within_18_weeks, 0)
    or coalesce(england.over_52_weeks, 0) <> ccg_totals.over_52_weeks + coalesce(not_attributed.over_52_weeks, 0)
