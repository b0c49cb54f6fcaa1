-- In the published extract, C_999 ("Total") equals the sum of the other treatment functions for
-- every month × provider × commissioner × part: the `all` specialty can be read from C_999.
with

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
),

by_row_group as (
    select
        month,
        provider_code,
        commissioner_code,
        rtt_part_type,
        coalesce(sum(pathways) filter (where treatment_function_code = 'C_999'), 0) as published_total,
        coalesce(sum(pathways) filter (where treatment_function_code <> 'C_999'), 0) as sum_of_functions
    from pathway_counts
    group by
        month,
        provider_code,
        commissioner_code,
        rtt_part_type
)

select *
from by_row_group
where published_total <> sum_of_functions
