-- One row per loaded month × CCG of April 2021: patients registered at a GP practice, from the
-- extract nearest in time to the month (earlier on a tie), by CCG-21 code (sub-ICB location codes
-- of later extracts mapped back through ods_code_changes). Empty when no GP counts were landed:
-- int_populations_by_ccg_month then stops a build that chose them.
with

months_loaded as (
    select month from {{ ref('int_months_loaded') }}
),

ccg21_months as (
    select * from {{ ref('stg_nhs_digital__gp_registered_ccg21_months') }}
),

by_age as (
    select * from {{ ref('stg_nhs_digital__gp_registered_by_age') }}
),

code_changes as (
    select * from {{ ref('ods_code_changes') }}
),

registered as (
    select
        ccg21_code as ccg_code,
        registered_patients as population,
        extract_month as vintage_date,
        'GP registered patients, ' || cast(extract_month as string) as vintage_label
    from ccg21_months
    union all
    select
        coalesce(code_changes.ccg21_code, by_age.org_code) as ccg_code,
        by_age.registered_patients as population,
        by_age.extract_date as vintage_date,
        'GP registered patients, ' || cast(by_age.extract_date as string) as vintage_label
    from by_age
    left join code_changes on by_age.org_code = code_changes.later_code
    where
        by_age.org_type = 'SUB_ICB_LOCATION_CODE'
        and by_age.sex = 'ALL'
        and by_age.age = 'ALL'
),

vintages as (
    select distinct vintage_date from registered
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
                abs({{ dbt.datediff('months_loaded.month', 'vintages.vintage_date', 'day') }}),
                vintages.vintage_date
        ) = 1
),

final as (
    select
        vintage_by_month.month,
        registered.ccg_code,
        registered.population,
        registered.vintage_date,
        registered.vintage_label
    from vintage_by_month
    inner join registered on vintage_by_month.vintage_date = registered.vintage_date
)

select * from final
