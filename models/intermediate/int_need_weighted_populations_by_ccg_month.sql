-- One row per loaded month × CCG of April 2021: the month's denominator (int_populations_by_ccg_month)
-- and the same people weighted for their need of hospital care. Each month takes the need index of
-- its financial year's allocation, or of the nearest allocation year there is (later on a tie),
-- carried as need_index_year. The weighted populations are scaled to sum to England's population
-- each month, so England's need-adjusted rate is its crude rate and a ratio of 1 means "as
-- England, for this need".
with

populations as (
    select * from {{ ref('int_populations_by_ccg_month') }}
),

need_indices as (
    select * from {{ ref('int_need_indices') }}
),

allocation_years as (
    select distinct
        allocation_year,
        year(allocation_year_start) as first_calendar_year
    from need_indices
),

month_years as (
    select distinct
        month,
        year(month) - case when month(month) < 4 then 1 else 0 end as financial_year
    from populations
),

year_for_month as (
    select
        month_years.month,
        allocation_years.allocation_year as need_index_year
    from month_years
    cross join allocation_years
    qualify row_number() over (
            partition by month_years.month
            order by
                abs(allocation_years.first_calendar_year - month_years.financial_year),
                allocation_years.first_calendar_year desc
        ) = 1
),

weighted as (
    select
        populations.month,
        populations.ccg_code,
        populations.population_source,
        populations.population_vintage,
        populations.population_vintage_label,
        populations.population_vintage_age_months,
        populations.population,
        year_for_month.need_index_year,
        need_indices.need_index,
        populations.population * need_indices.need_index as unscaled_weighted_population
    from populations
    left join year_for_month on populations.month = year_for_month.month
    left join need_indices
        on
            populations.ccg_code = need_indices.ccg_code
            and year_for_month.need_index_year = need_indices.allocation_year
),

final as (
    select
        month,
        ccg_code,
        population_source,
        population_vintage,
        population_vintage_label,
        population_vintage_age_months,
        population,
        need_index_year,
        need_index,
        unscaled_weighted_population
        * sum(population) over same_month / sum(unscaled_weighted_population) over same_month
            as need_weighted_population
    from weighted
    window same_month as (partition by month)
)

select * from final
