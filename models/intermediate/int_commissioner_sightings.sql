-- One row per month × commissioner code × name × parent as published: what each loaded month's
-- extract or workbook calls each commissioner. Read by the commissioner mapping and the area
-- caveats, so that neither scans raw. Incremental by month.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
),

workbook_rows as (
    select * from {{ ref('stg_nhs_england__rtt_commissioner_admitted_pathways') }}
),

published as (
    select distinct
        month,
        commissioner_code,
        commissioner_name,
        commissioner_parent_code,
        'rtt_full_extract' as data_source
    from pathway_counts
    where month in (select months.month from months)
    union all
    select distinct
        month,
        commissioner_code,
        commissioner_name,
        commissioner_parent_code,
        'admitted_commissioner_workbook' as data_source
    from workbook_rows
    where month in (select months.month from months)
),

final as (
    select
        published.month,
        published.commissioner_code,
        published.commissioner_name,
        published.commissioner_parent_code,
        months.build_fingerprint
    from published
    inner join months on published.month = months.month and published.data_source = months.data_source
)

select * from final
