-- One row per CCG of April 2021, with the STP/ICS it belonged to.
with

source as (
    select * from {{ ref('ons_ccg21_stp21_lookup') }}
),

renamed as (
    select
        ccg21cdh as ccg21_code,
        ccg21cd as ccg21_gss_code,
        ccg21nm as ccg21_name,
        stp21cdh as stp21_code,
        stp21cd as stp21_gss_code,
        stp21nm as stp21_name
    from source
)

select * from renamed
