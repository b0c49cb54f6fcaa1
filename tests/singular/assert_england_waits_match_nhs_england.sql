-- The oracle: for every loaded month in NHS England's published time series, our England figures
-- (every commissioner but NONC) reproduce the published ones: counts exactly, waits to 0.01 weeks.
-- A figure missing on either side fails (macro differs), except an upper percentile both sides
-- place in the open top band ('52+' as published). So does a build where no loaded month is in
-- the series, unless the var series_months_may_not_overlap says that is expected.
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
    select * from {{ ref('published_series_comparison') }}
),

-- Counts the series carries for one measure only; the longest waits only since NHS England began
-- publishing them, so a published null there means "not published", not "zero".
long_waits_and_new_periods as (
    select
        published.month,
        published.incomplete_over_65_weeks is not null
        and {{ differs('incomplete.over_65_weeks', 'published.incomplete_over_65_weeks') }}
            as over_65_differs,
        published.incomplete_over_78_weeks is not null
        and {{ differs('incomplete.over_78_weeks', 'published.incomplete_over_78_weeks') }}
            as over_78_differs,
        published.incomplete_over_104_weeks is not null
        and {{ differs('incomplete.over_104_weeks', 'published.incomplete_over_104_weeks') }}
            as over_104_differs,
        {{ differs('new_periods.pathways', 'published.new_periods') }} as new_periods_differ
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
    {{ differs('our_median_weeks', 'published_median_weeks', within=0.01) }}
    or (
        {{ differs('our_upper_percentile_weeks', 'published_upper_percentile_weeks', within=0.01) }}
        and not (our_upper_percentile_open_band and published_upper_percentile_open_band)
    )
    or {{ differs('our_within_18_weeks', 'published_within_18_weeks') }}
    or {{ differs('our_over_52_weeks', 'published_over_52_weeks') }}
    or {{ differs('our_pathways', 'published_pathways') }}
union all
select
    month,
    'incomplete or new_periods' as measure,
    'a 65/78/104-week count or new periods differ' as problem
from long_waits_and_new_periods
where over_65_differs or over_78_differs or over_104_differs or new_periods_differ
union all
select
    cast(null as date) as month,
    'every measure' as measure,
    'no loaded month is in the time series: nothing was compared' as problem
from (select count(*) as months_compared from pairs) as compared
where compared.months_compared = 0 and not {{ var('series_months_may_not_overlap') }}
