-- One row per allocation year × GP practice: its registered population projected for the year and
-- its need-weighted populations from NHS England's allocations formula. The two layouts (2022/23
-- to 2024/25, and 2025/26 with unsuffixed column names) meet here.
with

source as (
    select * from {{ source('nhs_england', 'allocation_weighted_populations') }}
),

renamed as (
    select
        period_date as allocation_year_start,
        cast(year(period_date) as string)
        || '/' || right(cast(year(period_date) + 1 as string), 2) as allocation_year,
        practice_code,
        gp_practice_name as practice_name,
        nullif(trim(coalesce(ccg21, ccg)), '') as ccg21_code,
        nullif(trim(coalesce(ics22, icb)), '') as icb_code,
        coalesce(pop_2022_23, population) as population,
        g_a_wp as general_acute_weighted_population,
        final_wp as final_weighted_population,
        source_file
    from source
)

select * from renamed
