-- One row per loaded month × CCG of April 2021: ONS residents from the latest mid-year estimate
-- whose reference date (30 June) is not after the month's end, or the earliest there is when none
-- is that old (mid-2020 on CCG-21 boundaries; mid-2022 to mid-2024 on sub-ICB boundaries, joined
-- by ODS code since GSS codes changed). One vintage per month for every CCG alike, so a CCG
-- missing from it shows as a gap.
with

months_loaded as (
    select month from {{ ref('int_months_loaded') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

ccg21_estimates as (
    select * from {{ ref('stg_ons__ccg21_population_estimates') }}
),

sub_icb_estimates as (
    select * from {{ ref('stg_ons__sub_icb_population_estimates') }}
),

estimates as (
    select
        ccgs.ccg_code,
        ccg21_estimates.population,
        make_date(ccg21_estimates.mid_year, 6, 30) as vintage_date,
        'ONS mid-' || ccg21_estimates.mid_year || ' estimate (CCG 2021 boundaries)' as vintage_label
    from ccg21_estimates
    inner join ccgs on ccg21_estimates.ccg21_gss_code = ccgs.ccg_gss_code
    union all
    select
        sub_icb_code as ccg_code,
        population,
        make_date(mid_year, 6, 30) as vintage_date,
        'ONS mid-' || mid_year || ' estimate (sub-ICB 2024 boundaries)' as vintage_label
    from sub_icb_estimates
),

vintages as (
    select distinct vintage_date from estimates
),

vintage_by_month as (
    select
        months_loaded.month,
        vintages.vintage_date
    from months_loaded
    cross join vintages
    qualify row_number() over (
            partition by months_loaded.month
            order by
                vintages.vintage_date <= last_day(months_loaded.month) desc,
                case when vintages.vintage_date <= last_day(months_loaded.month) then vintages.vintage_date end desc,
                vintages.vintage_date asc
        ) = 1
),

final as (
    select
        vintage_by_month.month,
        estimates.ccg_code,
        estimates.population,
        estimates.vintage_date,
        estimates.vintage_label
    from vintage_by_month
    inner join estimates on vintage_by_month.vintage_date = estimates.vintage_date
)

select * from final
