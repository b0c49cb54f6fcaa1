-- One row per loaded month × commissioner × measure × specialty: the published pathways, and those
-- within 18 and over 52 weeks by the published week bands, read straight from the raw tables (the
-- month's extract, or its admitted commissioner workbook), independently of the staging, mapping
-- and activity models: the raw side of marts.rtt_reconciliation and of the waiting-time control
-- totals. Incremental by month, so the checks that read it do not scan all of raw on every run.
{%- set bands = rtt_week_bands() %}
{%- set within_18 = bands | selectattr('upper_week') | selectattr('upper_week', 'le', 18) | list %}
{%- set over_52 = bands | selectattr('lower_week', 'ge', 52) | list %}
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

raw_extracts as (
    select
        period_date as month,
        commissioner_org_code as commissioner_code,
        rtt_part_type,
        treatment_function_code,
        sum(total_all) as pathways,
        sum(
            {%- for band in within_18 %}
                coalesce({{ band.raw }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as within_18_weeks,
        sum(
            {%- for band in over_52 %}
                coalesce({{ band.raw }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as over_52_weeks,
        'rtt_full_extract' as data_source
    from {{ source('nhs_england', 'rtt_full_extract') }}
    where period_date in (select months.month from months)
    group by
        period_date,
        commissioner_org_code,
        rtt_part_type,
        treatment_function_code
),

raw_workbooks as (
    select
        period_date as month,
        ccg_code as commissioner_code,
        'Part_1A' as rtt_part_type,
        {{ rtt_workbook_treatment_function('treatment_function_code') }} as treatment_function_code,
        sum(total_completed_pathways_all) as pathways,
        sum(
            {%- for band in within_18 %}
                coalesce({{ band.raw | replace('_sum_1', '') }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as within_18_weeks,
        sum(coalesce(gt_52_weeks, 0)) as over_52_weeks,
        'admitted_commissioner_workbook' as data_source
    from {{ source('nhs_england', 'rtt_admitted_commissioner_workbook') }}
    where period_date in (select months.month from months)
    group by
        period_date,
        ccg_code,
        treatment_function_code
),

measures as (
    select * from {{ ref('rtt_measures') }}
),

specialties as (
    select * from {{ ref('rtt_specialties') }}
),

month_measures as (
    select * from {{ ref('int_month_measures') }}
),

raw_published as (
    select * from raw_extracts
    union all
    select * from raw_workbooks
),

-- A month counts from the source int_months_loaded chose for it, for the measures that source
-- publishes whole (int_month_measures).
final as (
    select
        months.month,
        published.commissioner_code,
        measures.measure,
        specialties.specialty,
        sum(published.pathways) as raw_pathways,
        sum(published.within_18_weeks) as raw_within_18_weeks,
        sum(published.over_52_weeks) as raw_over_52_weeks,
        any_value(months.build_fingerprint) as build_fingerprint
    from months
    inner join raw_published as published
        on
            months.month = published.month
            and months.data_source = published.data_source
    inner join measures on published.rtt_part_type = measures.rtt_part_type
    inner join month_measures
        on
            months.month = month_measures.month
            and measures.measure = month_measures.measure
    inner join specialties on published.treatment_function_code = specialties.treatment_function_code
    group by
        months.month,
        published.commissioner_code,
        measures.measure,
        specialties.specialty
)

select * from final
