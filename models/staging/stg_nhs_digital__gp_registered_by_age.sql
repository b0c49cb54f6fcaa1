-- One row per organisation × sex × age: patients registered at a GP practice on the extract date.
with

source as (
    select * from {{ source('nhs_digital', 'gp_registered_by_age') }}
),

renamed as (
    select
        extract_date,
        org_type,
        org_code,
        ons_code as org_gss_code,
        sex,
        age,
        number_of_patients as registered_patients
    from source
)

select * from renamed
