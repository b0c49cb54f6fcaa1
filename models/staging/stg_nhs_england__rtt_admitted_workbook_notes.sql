-- One row per month × numbered note of the "Admitted - Commissioner" workbooks' Notes sheet: how
-- the figures were made, and the month's caveats (trusts that sent no data), as published.
with

source as (
    select * from {{ source('nhs_england', 'rtt_admitted_workbook_notes') }}
),

renamed as (
    select
        period_date as month,
        note_number,
        note,
        note ilike 'The following caveats apply%' as is_caveat,
        source_file,
        source_row,
        loaded_at
    from source
)

select * from renamed
