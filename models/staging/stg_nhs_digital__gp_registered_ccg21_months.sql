-- One row per month × CCG of April 2021: patients registered at a GP practice.
with

source as (
    select * from {{ source('nhs_digital', 'gp_registered_ccg21_monthly') }}
),

renamed as (
    select
        date as extract_month,
        ccg21cdh as ccg21_code,
        ccg21cd as ccg21_gss_code,
        ccg21nm as ccg21_name,
        stp21cdh as stp21_code,
        nhser21cdh as region21_code,
        registered_patients
    from source
)

select * from renamed
