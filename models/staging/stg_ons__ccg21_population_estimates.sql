-- One row per CCG of April 2021: ONS mid-2020 population estimate (GSS codes only in the file).
-- Read from the seed, whose column names are ONS's own.
with

source as (
    select * from {{ ref('ons_ccg21_population_mid2020') }}
),

renamed as (
    select
        "CCG Code" as ccg21_gss_code,
        "CCG Name" as ccg21_name,
        2020 as mid_year,
        "All Ages" as population,
        "Age 0-17" as population_age_0_17,
        "Age 18-35" as population_age_18_35,
        "Age 36-50" as population_age_36_50,
        "Age 51-65" as population_age_51_65,
        "Age 66+" as population_age_66_plus
    from source
)

select * from renamed
