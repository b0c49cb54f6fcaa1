-- One row per month for which an RTT full extract is loaded.
with

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
),

final as (
    select
        month,
        count(*) as extract_rows
    from pathway_counts
    group by month
)

select * from final
