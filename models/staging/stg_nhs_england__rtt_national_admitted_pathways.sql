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
        {{- rtt_workbook_columns() }}
        loaded_at
    from source
)

select * from renamed
