-- Each loaded month has a reconciliation row for every measure its source publishes × specialty:
-- every measure for an extract month, admitted_completed for a workbook month.
with

measures as (
    select distinct measure from {{ ref('rtt_measures') }}
),

expected as (
    select
        months_loaded.month,
        measures.measure,
        specialties.specialty
    from {{ ref('int_months_loaded') }} as months_loaded
    cross join measures
    cross join {{ ref('rtt_specialties') }} as specialties
    where
        months_loaded.data_source = 'rtt_full_extract'
        or measures.measure = 'admitted_completed'
)

select expected.*
from expected
left join {{ ref('rtt_reconciliation') }} as reconciliation
    on
        expected.month = reconciliation.month
        and expected.measure = reconciliation.measure
        and expected.specialty = reconciliation.specialty
where reconciliation.month is null
