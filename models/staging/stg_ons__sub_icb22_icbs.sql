-- One row per sub-ICB location of July 2022, with its ICB and region.
with

source as (
    select * from {{ ref('ons_loc22_icb22_lookup') }}
),

renamed as (
    select
        loc22cdh as sub_icb22_code,
        loc22cd as sub_icb22_gss_code,
        loc22nm as sub_icb22_name,
        icb22cdh as icb22_code,
        icb22cd as icb22_gss_code,
        icb22nm as icb22_name,
        nhser22cdh as region22_code,
        nhser22cd as region22_gss_code,
        nhser22nm as region22_name
    from source
)

select * from renamed
