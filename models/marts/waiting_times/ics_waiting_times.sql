-- One row per grouping × ICS × month × measure × specialty: how long the ICS's residents wait,
-- from the week bands of its member CCGs summed to the ICS before any percentile is taken
-- (int_waits_by_ics_month), with the ICS's population that month (int_ics_monthly_rates) and its
-- members' missing-data share. Incremental by month on the history fingerprint, as that share is.
{{ incremental_by_month(on_schema_change='fail') }}

with

months as (
    {{ months_to_build('history_fingerprint') }}
),

waits as (
    select * from {{ ref('int_waits_by_ics_month') }}
    where month in (select months.month from months)
),

ics_rates as (
    select * from {{ ref('int_ics_monthly_rates') }}
    where month in (select months.month from months)
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

monthly as (
    select * from {{ ref('int_ccg_monthly_activity') }}
    where month in (select months.month from months)
),

member_caveats as (
    select
        memberships.grouping,
        memberships.ics_code,
        monthly.month,
        monthly.measure,
        monthly.specialty,
        any_value(monthly.population_source) as population_source,
        max(monthly.absent_provider_share) as max_member_absent_provider_share
    from monthly
    inner join memberships on monthly.ccg_code = memberships.ccg_code
    group by
        memberships.grouping,
        memberships.ics_code,
        monthly.month,
        monthly.measure,
        monthly.specialty
),

final as (
    select
        ics_rates.grouping,
        ics_rates.ics_code,
        ics_rates.ics_name,
        ics_rates.member_count,
        ics_rates.month,
        ics_rates.measure,
        ics_rates.specialty,
        waits.pathways,
        {{ rtt_waiting_time_columns('waits', 'cast(ics_rates.population as bigint)') }}
        cast(ics_rates.population as bigint) as population,
        member_caveats.population_source,
        member_caveats.max_member_absent_provider_share,
        months.build_fingerprint
    from ics_rates
    inner join months on ics_rates.month = months.month
    inner join waits
        on
            ics_rates.grouping = waits.grouping
            and ics_rates.ics_code = waits.ics_code
            and ics_rates.month = waits.month
            and ics_rates.measure = waits.measure
            and ics_rates.specialty = waits.specialty
    inner join member_caveats
        on
            ics_rates.grouping = member_caveats.grouping
            and ics_rates.ics_code = member_caveats.ics_code
            and ics_rates.month = member_caveats.month
            and ics_rates.measure = member_caveats.measure
            and ics_rates.specialty = member_caveats.specialty
)

select * from final
