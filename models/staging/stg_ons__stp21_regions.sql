-- One row per STP of April 2021, with its NHS England region.
with

source as (
    select * from {{ ref('ons_stp21_region_lookup') }}
),

renamed as (
    select
        stp21cdh as stp21_code,
        stp21cd as stp21_gss_code,
        stp21nm as stp21_name,
        nhser21cdh as region21_code,
        nhser21cd as region21_gss_code,
        nhser21nm as region21_name
    from source
)

select * from renamed
