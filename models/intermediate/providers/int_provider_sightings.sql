-- One row per month × provider code × name × parent as published in that month's full extract:
-- what each loaded month calls each provider. The providers dimension reads it, so that nothing
-- scans raw for names. (The 2014-15 workbooks publish no provider.) Incremental by month.
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

published as (
    select distinct
        month,
        provider_code,
        provider_name,
        provider_parent_code
    from pathway_counts
),

final as (
    select
        published.month,
        published.provider_code,
        published.provider_name,
        published.provider_parent_code,
        months.build_fingerprint
    from published
    inner join months on published.month = months.month
)

select * from final
