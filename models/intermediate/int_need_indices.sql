-- One row per CCG of April 2021 × allocation year: NHS England's need index for hospital care, the
-- CCG's general and acute weighted population per registered person over England's. England's
-- ratio counts every practice, those that reach no CCG included (the weighted populations sum to
-- England's population, so it is 1 up to rounding).
with

practices as (
    select * from {{ ref('int_allocation_practices_mapped') }}
),

england as (
    select
        allocation_year,
        sum(general_acute_weighted_population) / sum(population) as weighted_per_person
    from practices
    group by allocation_year
),

by_ccg as (
    select
        ccg21_code as ccg_code,
        allocation_year,
        allocation_year_start,
        count(*) as practices,
        sum(population) as registered_population,
        sum(general_acute_weighted_population) as general_acute_weighted_population
    from practices
    where ccg21_code is not null
    group by
        ccg21_code,
        allocation_year,
        allocation_year_start
),

final as (
    select
        by_ccg.ccg_code,
        by_ccg.allocation_year,
        by_ccg.allocation_year_start,
        by_ccg.practices,
        by_ccg.registered_population,
        by_ccg.general_acute_weighted_population,
        by_ccg.general_acute_weighted_population / by_ccg.registered_population
        / england.weighted_per_person as need_index
    from by_ccg
    inner join england on by_ccg.allocation_year = england.allocation_year
)

select * from final
