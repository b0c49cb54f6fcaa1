-- One row per month × treatment function: the National sheet of the "Admitted - Commissioner"
-- workbooks, England as NHS England summed it, renamed.
with

source as (
    select * from {{ source('nhs_england', 'rtt_admitted_national_workbook') }}
),

renamed as (
    select
        period_date as month,
        period,
        treatment_function_code as published_treatment_function_code,
        {{ rtt_workbook_treatment_function('treatment_function_code') }} as treatment_function_code,
        treatment_function as treatment_function_name,
        {{- rtt_workbook_counts() }}
        source_file,
        source_sheet,
        source_row,
        loaded_at
    from source
)

select * from renamed
