-- One row per loaded month × CCG of April 2021: the denominator of every rate, from the source
-- chosen by var `population_source` (the one place that choice is applied).
-- ons: the latest ONS mid-year estimate whose reference date (30 June) is not after the month's
--   end, or the earliest there is when none is that old (mid-2020 on CCG-21 boundaries; mid-2022
--   to mid-2024 on sub-ICB boundaries, joined by ODS code since GSS codes changed).
-- gp_registered: patients registered at a GP practice, from the extract nearest in time (macro
--   chosen_population_source stops the build, naming the files, when none were landed).
-- The vintage is carried so a reader sees how stale the denominator is.
{%- set population_source = chosen_population_source() %}

with

months_loaded as (
    select month from {{ ref('int_months_loaded') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

ons_ccg21_estimates as (
    select * from {{ ref('stg_ons__ccg21_population_estimates') }}
),

ons_sub_icb_estimates as (
    select * from {{ ref('stg_ons__sub_icb_population_estimates') }}
),

gp_ccg21_months as (
    select * from {{ ref('stg_nhs_digital__gp_registered_ccg21_months') }}
),

gp_by_age as (
    select * from {{ ref('stg_nhs_digital__gp_registered_by_age') }}
),

code_changes as (
    select * from {{ ref('ods_code_changes') }}
),

ons_estimates as (
    select
        ccgs.ccg_code,
        ons_ccg21_estimates.population,
        make_date(ons_ccg21_estimates.mid_year, 6, 30) as vintage_date,
        'ONS mid-' || ons_ccg21_estimates.mid_year || ' estimate (CCG 2021 boundaries)' as vintage_label
    from ons_ccg21_estimates
    inner join ccgs on ons_ccg21_estimates.ccg21_gss_code = ccgs.ccg_gss_code
    union all
    select
        sub_icb_code as ccg_code,
        population,
        make_date(mid_year, 6, 30) as vintage_date,
        'ONS mid-' || mid_year || ' estimate (sub-ICB 2024 boundaries)' as vintage_label
    from ons_sub_icb_estimates
),

gp_registered as (
    select
        ccg21_code as ccg_code,
        registered_patients as population,
        extract_month as vintage_date,
        'GP registered patients, ' || cast(extract_month as string) as vintage_label
    from gp_ccg21_months
    union all
    select
        coalesce(code_changes.ccg21_code, gp_by_age.org_code) as ccg_code,
        gp_by_age.registered_patients as population,
        gp_by_age.extract_date as vintage_date,
        'GP registered patients, ' || cast(gp_by_age.extract_date as string) as vintage_label
    from gp_by_age
    left join code_changes on gp_by_age.org_code = code_changes.later_code
    where
        gp_by_age.org_type = 'SUB_ICB_LOCATION_CODE'
        and gp_by_age.sex = 'ALL'
        and gp_by_age.age = 'ALL'
),

ons_vintages as (
    select distinct vintage_date from ons_estimates
),

gp_vintages as (
    select distinct vintage_date from gp_registered
),

-- One vintage per month for every CCG alike, so a CCG missing from it shows as a gap.
ons_vintage_by_month as (
    select
        months_loaded.month,
        vintages.vintage_date
    from months_loaded
    cross join ons_vintages as vintages
    qualify row_number() over (
            partition by months_loaded.month
            order by
                vintages.vintage_date <= last_day(months_loaded.month) desc,
                case when vintages.vintage_date <= last_day(months_loaded.month) then vintages.vintage_date end desc,
                vintages.vintage_date asc
        ) = 1
),

gp_vintage_by_month as (
    select
        months_loaded.month,
        vintages.vintage_date
    from months_loaded
    cross join gp_vintages as vintages
    qualify row_number() over (
            partition by months_loaded.month
            order by
                abs({{ dbt.datediff('months_loaded.month', 'vintages.vintage_date', 'day') }}),
                vintages.vintage_date
        ) = 1
),

chosen as (
    select
        'ons' as population_source,
        ons_vintage_by_month.month,
        ons_estimates.*
    from ons_vintage_by_month
    inner join ons_estimates on ons_vintage_by_month.vintage_date = ons_estimates.vintage_date
    union all
    select
        'gp_registered' as population_source,
        gp_vintage_by_month.month,
        gp_registered.*
    from gp_vintage_by_month
    inner join gp_registered on gp_vintage_by_month.vintage_date = gp_registered.vintage_date
),

final as (
    select
        population_source,
        month,
        ccg_code,
        population,
        vintage_date as population_vintage,
        vintage_label as population_vintage_label,
        -- calendar months from the vintage's month to this one
        (year(month) - year(vintage_date)) * 12 + month(month) - month(vintage_date) as population_vintage_age_months
    from chosen
    where population_source = '{{ population_source }}'
)

select * from final
