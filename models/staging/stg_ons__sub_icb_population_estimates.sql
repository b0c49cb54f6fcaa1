-- One row per mid-year × sub-ICB location (2024 boundaries): ONS all-ages population estimate.
-- GSS codes of some locations changed after 2022, so the ODS code, which the name ends with
-- ('NHS West Yorkshire ICB - 03R'), is what joins to the CCGs of April 2021.
with

source as (
    select * from {{ source('ons', 'ons_sub_icb_population_mid2022_2024') }}
),

renamed as (
    select
        mid_year,
        sicbl_2024_code as sub_icb_gss_code,
        regexp_extract(sicbl_2024_name, ' - ([A-Z0-9]+)$', 1) as sub_icb_code,
        sicbl_2024_name as sub_icb_name,
        icb_2024_code as icb24_gss_code,
        icb_2024_name as icb24_name,
        nhser_2024_code as region24_gss_code,
        nhser_2024_name as region24_name,
        total as population
    from source
)

select * from renamed
