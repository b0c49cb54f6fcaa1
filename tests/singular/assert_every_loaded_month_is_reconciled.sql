-- Each loaded month has a reconciliation row for every measure its source publishes
-- (int_month_measures) × specialty.
with

expected as (
    select
        month_measures.month,
        month_measures.measure,
        specialties.specialty
    from {{ ref('int_month_measures') }} as month_measures
    cross join {{ ref('rtt_specialties') }} as specialties
)

select expected.*
from expected
left join {{ ref('rtt_reconciliation') }} as reconciliation
    on
        expected.month = reconciliation.month
        and expected.measure = reconciliation.measure
        and expected.specialty = reconciliation.specialty
where reconciliation.month is null
