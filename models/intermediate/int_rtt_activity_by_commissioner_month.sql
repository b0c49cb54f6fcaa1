-- One row per commissioner × month × measure × specialty: published pathways (Total All) and the
-- pathways in each week band, summed over providers; the grain every waiting time and rate starts
-- from. Only the published totals are read: `all` is C_999, never a sum computed here. Months
-- without a full extract come from the admitted commissioner workbooks, with the measures
-- int_month_measures gives them.
-- Incremental by month: a run reads raw only for the months whose inputs changed.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
    where month in (
            select months.month from months
            where months.data_source = 'rtt_full_extract'
        )
),

workbook_rows as (
    select * from {{ ref('stg_nhs_england__rtt_commissioner_admitted_pathways') }}
    where month in (
            select months.month from months
            where months.data_source = 'admitted_commissioner_workbook'
        )
),

measures as (
    select * from {{ ref('rtt_measures') }}
),

month_measures as (
    select * from {{ ref('int_month_measures') }}
),

specialties as (
    select * from {{ ref('rtt_specialties') }}
),

from_extracts as (
    select
        pathway_counts.commissioner_code,
        pathway_counts.month,
        measures.measure,
        specialties.specialty,
        {{- rtt_band_sums('pathway_counts') }}
        sum(pathway_counts.pathways) as pathways
    from pathway_counts
    inner join measures on pathway_counts.rtt_part_type = measures.rtt_part_type
    inner join specialties on pathway_counts.treatment_function_code = specialties.treatment_function_code
    group by
        pathway_counts.commissioner_code,
        pathway_counts.month,
        measures.measure,
        specialties.specialty
),

from_workbooks as (
    select
        workbook_rows.commissioner_code,
        workbook_rows.month,
        month_measures.measure,
        specialties.specialty,
        {{- rtt_workbook_bands_as_extract_bands('workbook_rows') }}
        workbook_rows.pathways
    from workbook_rows
    inner join month_measures on workbook_rows.month = month_measures.month
    inner join specialties on workbook_rows.treatment_function_code = specialties.treatment_function_code
),

final as (
    select
        activity.*,
        months.data_source,
        months.percentile_convention,
        months.build_fingerprint
    from (
        select * from from_extracts
        union all
        select * from from_workbooks
    ) as activity
    inner join months on activity.month = months.month
)

select * from final
