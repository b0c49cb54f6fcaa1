-- One row per CCG of April 2021: ONS mid-2020 population estimate (GSS codes only in the file).
-- Read from the seed, whose column names are ONS's own (with spaces: quoted as each engine quotes).
with

source as (
    select * from {{ ref('ons_ccg21_population_mid2020') }}
),

renamed as (
    select
        {{ adapter.quote('CCG Code') }} as ccg21_gss_code,
        {{ adapter.quote('CCG Name') }} as ccg21_name,
        2020 as mid_year,
        {{ adapter.quote('All Ages') }} as population,
        {{ adapter.quote('Age 0-17') }} as population_age_0_17,
        {{ adapter.quote('Age 18-35') }} as population_age_18_35,
        {{ adapter.quote('Age 36-50') }} as population_age_36_50,
        {{ adapter.quote('Age 51-65') }} as population_age_51_65,
        {{ adapter.quote('Age 66+') }} as population_age_66_plus
    from source
)

select * from renamed
