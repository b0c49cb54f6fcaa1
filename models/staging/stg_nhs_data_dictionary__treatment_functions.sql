-- One row per treatment function code of the NHS Data Dictionary.
with

source as (
    select * from {{ source('nhs_data_dictionary', 'treatment_function_codes') }}
),

renamed as (
    select
        code as treatment_function_code,
        service as treatment_function_name
    from source
)

select * from renamed
