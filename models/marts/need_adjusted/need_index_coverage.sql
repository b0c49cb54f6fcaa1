-- One row per allocation year: how much of NHS England's need-weighted population reached a CCG of
-- April 2021, and so the need indices. Every practice of the file is counted here: those that
-- reach no CCG (a practice new in 2025/26, whose file names no CCG) are the gap.
with

practices as (
    select * from {{ ref('int_allocation_practices_mapped') }}
),

final as (
    select
        allocation_year,
        min(allocation_year_start) as allocation_year_start,
        count(*) as practices,
        count(ccg21_code) as practices_reaching_a_ccg,
        count(*) - count(ccg21_code) as practices_reaching_no_ccg,
        count(distinct ccg21_code) as ccgs,
        count(case when ccg21_code is not null and ccg21_code_from != allocation_year then 1 end)
            as practices_placed_by_earlier_file,
        sum(population) as population,
        sum(general_acute_weighted_population) as general_acute_weighted_population,
        sum(case when ccg21_code is null then general_acute_weighted_population else 0 end)
        / sum(general_acute_weighted_population) as weighted_share_reaching_no_ccg
    from practices
    group by allocation_year
)

select * from final
