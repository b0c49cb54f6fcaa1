-- One row per loaded month × measure its source publishes whole: every RTT part the measure sums
-- (rtt_measures) is among those the month's source carries (rtt_source_part_types). The one home
-- of "a 2014-15 workbook month has admitted_completed only" (all_completed would lack its
-- non-admitted half) and of "no new periods before October 2015" (Part_3 was not collected).
-- Read by the activity, the raw totals, the reconciliation and its check.
with

months as (
    select * from {{ ref('int_months_loaded') }}
),

measure_parts as (
    select * from {{ ref('rtt_measures') }}
),

source_parts as (
    select * from {{ ref('rtt_source_part_types') }}
),

final as (
    select
        months.month,
        months.data_source,
        measure_parts.measure
    from months
    cross join measure_parts
    left join source_parts
        on
            months.data_source = source_parts.data_source
            and measure_parts.rtt_part_type = source_parts.rtt_part_type
            and months.month >= coalesce(source_parts.first_month, months.month)
    group by
        months.month,
        months.data_source,
        measure_parts.measure
    having count(source_parts.rtt_part_type) = count(*)
)

select * from final
