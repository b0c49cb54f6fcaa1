-- One row per break in NHS England's RTT series (seed rtt_series_breaks): the first month on its
-- new side, what changed and where NHS England says so. The area pages mark them on their
-- month-by-month charts; marts.loaded_months says which each month comes after.
with

breaks as (
    select * from {{ ref('rtt_series_breaks') }}
),

final as (
    select
        break_month,
        {{ month_label('break_month') }} as break_month_label,
        break_name,
        description,
        source
    from breaks
)

select * from final
