-- One row per allocation year × GP practice, with the CCG of April 2021 its patients belong to: the
-- one its own file names, or, where the file names none (2025/26), the one the practice had in the
-- latest earlier file. A practice that reaches no CCG-21 keeps a null code, so its weighted
-- population is counted (marts.need_index_coverage) and never silently dropped.
with

practices as (
    select * from {{ ref('stg_nhs_england__allocation_weighted_populations') }}
),

ccgs as (
    select ccg_code from {{ ref('int_ccg21s_with_ics_and_region') }}
),

named_ccgs as (
    select
        practice_code,
        allocation_year,
        allocation_year_start,
        ccg21_code
    from practices
    where ccg21_code is not null
),

ccg_from_earlier_file as (
    select
        practices.allocation_year,
        practices.practice_code,
        named_ccgs.ccg21_code,
        named_ccgs.allocation_year as ccg21_code_from
    from practices
    inner join named_ccgs
        on
            practices.practice_code = named_ccgs.practice_code
            and practices.allocation_year_start > named_ccgs.allocation_year_start
    where practices.ccg21_code is null
    qualify row_number() over (
            partition by practices.allocation_year, practices.practice_code
            order by named_ccgs.allocation_year_start desc
        ) = 1
),

final as (
    select
        practices.allocation_year,
        practices.allocation_year_start,
        practices.practice_code,
        practices.practice_name,
        ccgs.ccg_code as ccg21_code,
        case
            when ccgs.ccg_code is null then null
            when practices.ccg21_code is not null then practices.allocation_year
            else ccg_from_earlier_file.ccg21_code_from
        end as ccg21_code_from,
        practices.population,
        practices.general_acute_weighted_population
    from practices
    left join ccg_from_earlier_file
        on
            practices.allocation_year = ccg_from_earlier_file.allocation_year
            and practices.practice_code = ccg_from_earlier_file.practice_code
    left join ccgs on coalesce(practices.ccg21_code, ccg_from_earlier_file.ccg21_code) = ccgs.ccg_code
)

select * from final
