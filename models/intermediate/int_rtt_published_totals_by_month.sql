-- One row per loaded month × measure × specialty: the published pathways, read straight from the
-- raw tables (the month's extract, or its admitted commissioner workbook, summed over every row of
-- the RTT part and treatment function), independently of the staging, mapping and activity
-- models: the raw side of marts.rtt_reconciliation. Incremental by month.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

raw_extracts as (
    select
        period_date as month,
        rtt_part_type,
        treatment_function_code,
        sum(total_all) as pathways
    from {{ source('nhs_england', 'rtt_full_extract') }}
    where period_date in (select months.month from months)
    group by
        period_date,
        rtt_part_type,
        treatment_function_code
),

raw_workbooks as (
    select
        period_date as month,
        'Part_1A' as rtt_part_type,
        {{ rtt_workbook_treatment_function('treatment_function_code') }} as treatment_function_code,
        sum(total_completed_pathways_all) as pathways
    from {{ source('nhs_england', 'rtt_admitted_commissioner_workbook') }}
    where period_date in (select months.month from months)
    group by
        period_date,
        treatment_function_code
),

measures as (
    select * from {{ ref('rtt_measures') }}
),

specialties as (
    select * from {{ ref('rtt_specialties') }}
),

-- A month counts from the source int_months_loaded chose for it; a workbook month publishes
-- admitted_completed only (all_completed would lack its non-admitted half).
raw_published as (
    select
        *,
        'rtt_full_extract' as data_source
    from raw_extracts
    union all
    select
        *,
        'admitted_commissioner_workbook' as data_source
    from raw_workbooks
),

published_by_measure as (
    select
        months.month,
        measures.measure,
        specialties.specialty,
        sum(published.pathways) as raw_pathways
    from months
    inner join raw_published as published
        on
            months.month = published.month
            and months.data_source = published.data_source
    inner join measures on published.rtt_part_type = measures.rtt_part_type
    inner join specialties on published.treatment_function_code = specialties.treatment_function_code
    where months.data_source = 'rtt_full_extract' or measures.measure = 'admitted_completed'
    group by
        months.month,
        measures.measure,
        specialties.specialty
),

-- Every measure the month's source publishes × every specialty, 0 where nothing was published.
spine as (
    select distinct
        months.month,
        months.build_fingerprint,
        measures.measure,
        specialties.specialty
    from months
    cross join measures
    cross join specialties
    where months.data_source = 'rtt_full_extract' or measures.measure = 'admitted_completed'
),

final as (
    select
        spine.month,
        spine.measure,
        spine.specialty,
        coalesce(published_by_measure.raw_pathways, 0) as raw_pathways,
        spine.build_fingerprint
    from spine
    left join published_by_measure
        on
            spine.month = published_by_measure.month
            and spine.measure = published_by_measure.measure
            and spine.specialty = published_by_measure.specialty
)

select * from final
