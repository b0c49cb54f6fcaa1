-- One row per provider × commissioner × month × measure × specialty: published pathways (Total All)
-- and the pathways in each week band of waiting time.
-- Only the published totals are read: `all` is C_999, never a sum computed here.
-- Months without a full extract come from the admitted commissioner workbooks, which publish
-- commissioner totals only: their provider_code is null, and their only measure is admitted_completed.
with

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
),

workbook_rows as (
    select * from {{ ref('stg_nhs_england__rtt_commissioner_admitted_pathways') }}
),

months_loaded as (
    select * from {{ ref('int_months_loaded') }}
),

measures as (
    select * from {{ ref('rtt_measures') }}
),

specialties as (
    select * from {{ ref('rtt_specialties') }}
),

from_extracts as (
    select
        pathway_counts.provider_code,
        pathway_counts.commissioner_code,
        pathway_counts.month,
        measures.measure,
        specialties.specialty,
        {{- rtt_band_sums('pathway_counts') }}
        sum(pathway_counts.pathways) as pathways,
        'rtt_full_extract' as data_source
    from pathway_counts
    inner join measures on pathway_counts.rtt_part_type = measures.rtt_part_type
    inner join specialties on pathway_counts.treatment_function_code = specialties.treatment_function_code
    group by
        pathway_counts.provider_code,
        pathway_counts.commissioner_code,
        pathway_counts.month,
        measures.measure,
        specialties.specialty
),

from_workbooks as (
    select
        cast(null as varchar) as provider_code,
        workbook_rows.commissioner_code,
        workbook_rows.month,
        -- not via rtt_measures: all_completed would lack its non-admitted half
        'admitted_completed' as measure,
        specialties.specialty,
        {{- rtt_workbook_bands_as_extract_bands('workbook_rows') }}
        workbook_rows.pathways,
        months_loaded.data_source
    from workbook_rows
    inner join months_loaded
        on
            workbook_rows.month = months_loaded.month
            and months_loaded.data_source = 'admitted_commissioner_workbook'
    inner join specialties on workbook_rows.treatment_function_code = specialties.treatment_function_code
),

final as (
    select * from from_extracts
    union all by name
    select * from from_workbooks
)

select * from final
