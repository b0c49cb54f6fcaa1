-- One row per month × measure the national time series carries: our England figures (every
-- commissioner but NONC) beside NHS England's published ones. The oracle for the extracts'
-- percentile convention; assert_england_waits_match_nhs_england holds it to account.
{%- set series = {
    'incomplete': ('incomplete', 'p92'),
    'admitted_completed': ('admitted', 'p95'),
    'non_admitted_completed': ('non_admitted', 'p95'),
} %}

with

ours as (
    select * from {{ ref('int_england_waiting_times') }}
    where specialty = 'all'
),

published as (
    select * from {{ ref('stg_nhs_england__rtt_overview_timeseries') }}
    where admitted_pathways is not null
),

final as (
    {%- for measure, (prefix, upper) in series.items() %}
        select
            published.month,
            ours.measure,
            ours.percentile_convention,
            ours.median_weeks as our_median_weeks,
            published.{{ prefix }}_median_weeks as published_median_weeks,
            ours.{{ upper }}_weeks as our_upper_percentile_weeks,
            try_cast(published.{{ prefix }}_{{ upper }}_weeks_published as double) as published_upper_percentile_weeks,
            ours.{{ upper }}_open_band as our_upper_percentile_open_band,
            coalesce(published.{{ prefix }}_{{ upper }}_weeks_published like '%+', false)
                as published_upper_percentile_open_band,
            ours.within_18_weeks as our_within_18_weeks,
            published.{{ prefix }}_within_18_weeks as published_within_18_weeks,
            ours.over_52_weeks as our_over_52_weeks,
            published.{{ prefix }}_over_52_weeks as published_over_52_weeks,
            ours.pathways as our_pathways,
            published.{{ prefix }}_pathways as published_pathways
        from published
        inner join ours on published.month = ours.month and ours.measure = '{{ measure }}'
        {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select * from final
