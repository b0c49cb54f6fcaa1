-- The ICB of July 2022's monthly rate is the same figure in both marts: ics_monthly_rates sums its
-- members, ccg_monthly_activity.icb_per_1000 sums over a window of the same rows. Returns rows that differ.
with

icb_rates as (
    select * from {{ ref('ics_monthly_rates') }}
    where grouping = 'icb22'
),

members as (
    select distinct
        icb22_code,
        month,
        measure,
        specialty,
        icb_per_1000
    from {{ ref('ccg_monthly_activity') }}
),

final as (
    select
        members.icb22_code,
        members.month,
        members.measure,
        members.specialty,
        members.icb_per_1000,
        icb_rates.per_1000
    from members
    full outer join icb_rates
        on
            members.icb22_code = icb_rates.ics_code
            and members.month = icb_rates.month
            and members.measure = icb_rates.measure
            and members.specialty = icb_rates.specialty
    where
        members.icb22_code is null
        or icb_rates.ics_code is null
        or not coalesce(
            abs(members.icb_per_1000 - icb_rates.per_1000) <= 1e-9 * abs(members.icb_per_1000),
            members.icb_per_1000 is null and icb_rates.per_1000 is null
        )
)

select * from final
