-- One row per loaded month and where its figures come from: the RTT full extract, or, for a month
-- without one, NHS England's "Admitted - Commissioner" workbook (completed admitted pathways only),
-- and the percentile convention NHS England applied to that source (macro rtt_waits_from_bands).
with

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
),

workbook_rows as (
    select * from {{ ref('stg_nhs_england__rtt_commissioner_admitted_pathways') }}
),

workbook_notes as (
    select * from {{ ref('stg_nhs_england__rtt_admitted_workbook_notes') }}
),

extract_months as (
    select
        month,
        'rtt_full_extract' as data_source,
        count(*) as source_rows
    from pathway_counts
    group by month
),

workbook_months as (
    select
        month,
        'admitted_commissioner_workbook' as data_source,
        count(*) as source_rows
    from workbook_rows
    where month not in (select extract_months.month from extract_months)
    group by month
),

caveats as (
    select
        month,
        string_agg(note, '\n' order by note_number) as published_caveats
    from workbook_notes
    where is_caveat
    group by month
),

final as (
    select
        *,
        'nhs_england' as percentile_convention,
        cast(null as varchar) as published_caveats
    from extract_months
    union all
    select
        workbook_months.*,
        'nhs_england_2015' as percentile_convention,
        caveats.published_caveats
    from workbook_months
    left join caveats on workbook_months.month = caveats.month
)

select * from final
