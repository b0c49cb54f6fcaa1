-- The oracle: for every loaded month in NHS England's published time series, our England figures
-- (every commissioner but NONC) reproduce the published ones: counts exactly, waits to 0.01 weeks.
with

ours as (
    select * from {{ ref('england_waiting_times') }}
    where specialty = 'all'
),

published as (
    select * from {{ ref('stg_nhs_england__rtt_overview_timeseries') }}
    where admitted_pathways is not null
),

pairs as (
    select
        published.month,
        'incomplete' as measure,
        incomplete.median_weeks as our_median,
        published.incomplete_median_weeks as published_median,
        incomplete.p92_weeks as our_upper_percentile,
        try_cast(published.incomplete_p92_weeks_published as double) as published_upper_percentile,
        incomplete.within_18_weeks as our_within_18,
        published.incomplete_within_18_weeks as published_within_18,
        incomplete.over_52_weeks as our_over_52,
        published.incomplete_over_52_weeks as published_over_52,
        incomplete.pathways as our_pathways,
        published.incomplete_pathways as published_pathways
    from published
    inner join ours as incomplete on published.month = incomplete.month and incomplete.measure = 'incomplete'
    union all
    select
        published.month,
        'admitted_completed' as measure,
        admitted.median_weeks as our_median,
        published.admitted_median_weeks as published_median,
        admitted.p95_weeks as our_upper_percentile,
        try_cast(published.admitted_p95_weeks_published as double) as published_upper_percentile,
        admitted.within_18_weeks as our_within_18,
        published.admitted_within_18_weeks as published_within_18,
        admitted.over_52_weeks as our_over_52,
        published.admitted_over_52_weeks as published_over_52,
        admitted.pathways as our_pathways,
        published.admitted_pathways as published_pathways
    from published
    inner join ours as admitted on published.month = admitted.month and admitted.measure = 'admitted_completed'
    union all
    select
        published.month,
        'non_admitted_completed' as measure,
        non_admitted.median_weeks as our_median,
        published.non_admitted_median_weeks as published_median,
        non_admitted.p95_weeks as our_upper_percentile,
        try_cast(published.non_admitted_p95_weeks_published as double) as published_upper_percentile,
        non_admitted.within_18_weeks as our_within_18,
        published.non_admitted_within_18_weeks as published_within_18,
        non_admitted.over_52_weeks as our_over_52,
        published.non_admitted_over_52_weeks as published_over_52,
        non_admitted.pathways as our_pathways,
        published.non_admitted_pathways as published_pathways
    from published
    inner join ours as non_admitted
        on published.month = non_admitted.month and non_admitted.measure = 'non_admitted_completed'
),

-- Counts the series carries for one measure only.
long_waits_and_new_periods as (
    select
        published.month,
        incomplete.over_65_weeks - published.incomplete_over_65_weeks as over_65_difference,
        incomplete.over_78_weeks - published.incomplete_over_78_weeks as over_78_difference,
        incomplete.over_104_weeks - published.incomplete_over_104_weeks as over_104_difference,
        new_periods.pathways - published.new_periods as new_periods_difference
    from published
    inner join ours as incomplete on published.month = incomplete.month and incomplete.measure = 'incomplete'
    inner join ours as new_periods on published.month = new_periods.month and new_periods.measure = 'new_periods'
)

select
    month,
    measure,
    'wait or count differs' as problem
from pairs
where
    abs(our_median - published_median) >= 0.01
    or abs(our_upper_percentile - published_upper_percentile) >= 0.01
    or our_within_18 <> published_within_18
    or our_over_52 <> published_over_52
    or abs(our_pathways - published_pathways) > 0
union all
select
    month,
    'incomplete or new_periods' as measure,
    'a 65/78/104-week count or new periods differ' as problem
from long_waits_and_new_periods
where
    over_65_difference <> 0
    or over_78_difference <> 0
    or over_104_difference <> 0
    or new_periods_difference <> 0
