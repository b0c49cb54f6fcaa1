-- One row per month from April 2007: NHS England's published England figures (commissioner basis).
with

source as (
    select * from {{ source('nhs_england', 'rtt_overview_timeseries') }}
),

-- The upper percentiles as published: text, since an open band is published as e.g. '52+'.
-- The ingest types a column by what it holds, so an edition without such a value lands numbers.
renamed as (
    select
        month,
        incomplete_rtt_pathways_median_wait_weeks as incomplete_median_weeks,
        cast(incomplete_rtt_pathways_92nd_percentile_weeks as string) as incomplete_p92_weeks_published,
        incomplete_rtt_pathways_no_within_18_weeks as incomplete_within_18_weeks,
        incomplete_rtt_pathways_no_over_52_weeks as incomplete_over_52_weeks,
        incomplete_rtt_pathways_no_over_65_weeks as incomplete_over_65_weeks,
        incomplete_rtt_pathways_no_over_78_weeks as incomplete_over_78_weeks,
        incomplete_rtt_pathways_no_over_104_weeks as incomplete_over_104_weeks,
        -- Headed "Total waiting (mil)", but it holds the count of pathways, not millions.
        incomplete_rtt_pathways_total_waiting_mil as incomplete_pathways,
        completed_admitted_unadjusted_rtt_pathways_median_wait_weeks as admitted_median_weeks,
        cast(completed_admitted_unadjusted_rtt_pathways_95th_percentile_weeks as string)
            as admitted_p95_weeks_published,
        completed_admitted_unadjusted_rtt_pathways_no_within_18_weeks as admitted_within_18_weeks,
        completed_admitted_unadjusted_rtt_pathways_no_over_52_weeks as admitted_over_52_weeks,
        completed_admitted_unadjusted_rtt_pathways_no_of_pathways_all as admitted_pathways,
        completed_non_admitted_rtt_pathways_median_wait_weeks as non_admitted_median_weeks,
        cast(completed_non_admitted_rtt_pathways_95th_percentile_weeks as string) as non_admitted_p95_weeks_published,
        completed_non_admitted_rtt_pathways_no_within_18_weeks as non_admitted_within_18_weeks,
        completed_non_admitted_rtt_pathways_no_over_52_weeks as non_admitted_over_52_weeks,
        completed_non_admitted_rtt_pathways_no_of_pathways_all as non_admitted_pathways,
        new_rtt_periods_no_of_new_rtt_periods as new_periods
    from source
)

select * from renamed
