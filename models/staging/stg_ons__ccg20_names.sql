-- One row per CCG of April 2020 (135): codes and name.
with

source as (
    select * from {{ source('ons', 'ons_ccg20_names') }}
),

renamed as (
    select
        ccg20cdh as ccg20_code,
        ccg20cd as ccg20_gss_code,
        ccg20nm as ccg20_name
    from source
)

select * from renamed
