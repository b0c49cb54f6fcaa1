-- The need index each month carries equals the one recomputed here from the practices of the
-- allocation file, for every year whose file names each practice's CCG: (the CCG's general and
-- acute weighted population ÷ its registered population) ÷ England's, over the file's practices.
-- And the need-weighted populations of each month sum to England's population (the scaling).
with

practices as (
    select * from {{ ref('stg_nhs_england__allocation_weighted_populations') }}
),

monthly as (
    select * from {{ ref('ccg_monthly_activity') }}
    where measure = 'admitted_completed' and specialty = 'all'
),

england as (
    select
        allocation_year,
        sum(general_acute_weighted_population) / sum(population) as weighted_per_person
    from practices
    group by allocation_year
),

recomputed as (
    select
        practices.allocation_year,
        practices.ccg21_code as ccg_code,
        sum(practices.general_acute_weighted_population) / sum(practices.population)
        / min(england.weighted_per_person) as need_index
    from practices
    inner join england on practices.allocation_year = england.allocation_year
    where practices.allocation_year in (
            select distinct p.allocation_year from practices as p
            where p.ccg21_code is not null
        )
    group by
        practices.allocation_year,
        practices.ccg21_code
),

index_differs as (
    select
        monthly.month,
        monthly.ccg_code,
        'need index ' || cast(monthly.need_index as string) || ' against ' || cast(recomputed.need_index as string)
            as problem
    from monthly
    inner join recomputed
        on
            monthly.need_index_year = recomputed.allocation_year
            and monthly.ccg_code = recomputed.ccg_code
    where abs(monthly.need_index - recomputed.need_index) > 1e-9 * recomputed.need_index
),

sums_differ as (
    select
        month,
        cast(null as string) as ccg_code,
        'need-weighted populations sum to ' || cast(sum(need_weighted_population) as string)
        || ', populations to ' || cast(sum(population) as string) as problem
    from monthly
    group by month
    having abs(sum(need_weighted_population) - sum(population)) > 1e-6 * sum(population)
)

select * from index_differs
union all
select * from sums_differ
