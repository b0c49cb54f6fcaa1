-- One row per CCG of April 2021: ONS mid-2020 population estimate (GSS codes only in the file).
with

source as (
    select * from {{ source('ons', 'ons_ccg21_population_mid2020') }}
),

renamed as (
    select
        ccg_code as ccg21_gss_code,
        ccg_name as ccg21_name,
        2020 as mid_year,
        all_ages as population,
        age_0_17 as population_age_0_17,
        age_18_35 as population_age_18_35,
        age_36_50 as population_age_36_50,
        age_51_65 as population_age_51_65,
        age_66_plus as population_age_66_plus
    from source
)

select * from renamed
