-- One row per GP practice × sex × age group, 1 January 2021, with the practice's CCG of April 2020.
with

source as (
    select * from {{ source('nhs_digital', 'gp_registered_practice_jan2021') }}
),

renamed as (
    select
        extract_date,
        ccg_code as ccg20_code,
        ons_ccg_code as ccg20_gss_code,
        code as practice_code,
        postcode,
        sex,
        age,
        number_of_patients as registered_patients
    from source
)

select * from renamed
