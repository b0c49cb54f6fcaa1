-- One row per CCG of April 2021 (106): codes and name.
with

source as (
    select * from {{ source('ons', 'ons_ccg21_names') }}
),

renamed as (
    select
        ccg21cdh as ccg21_code,
        ccg21cd as ccg21_gss_code,
        ccg21nm as ccg21_name
    from source
)

select * from renamed
