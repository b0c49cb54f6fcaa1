-- One row per grouping × ICS × member CCG × measure × specialty over the analysis window: the
-- member's need-adjusted rate beside its ICS's, and what levelling up would mean in patients: the
-- pathways a year the member would add at England's target, the upper quartile of the CCGs'
-- underlying (shrunken) need-adjusted rates (int_area_rate_spread), with a 95% interval for the
-- target itself (distribution-free, from two order statistics: Conover 1999, §3.2) and for the
-- gap (the target's range, and chance in the member's own rate: macro levelling_up_interval); and,
-- beside it, the same at its ICS's highest member's observed rate.
-- The target is England's, not the ICS's best: the highest of n members' observed rates rises
-- with n (the best of 9 sits 1.38 times its ICS's rate, of 2 1.005), so a gap to it measures where
-- the ICS's borders fell as much as what its members do; the shrunken quartile does neither.
-- A year is the window's pathways scaled to twelve months; the waiting list is a stock, not
-- pathways a year, so it has no gap.
with

statistics as (
    select * from {{ ref('int_area_statistics') }}
    where area_kind = 'ccg' and basis = 'need_adjusted'
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

measures as (
    select distinct
        measure,
        counted_as
    from {{ ref('rtt_measures') }}
),

league as (
    select
        area_code as ccg_code,
        area_name as ccg_name,
        measure,
        specialty,
        window_start,
        window_end,
        months,
        pathways,
        need_weighted_population,
        per_1000 as need_adjusted_per_1000,
        per_1000_lower_95 as need_adjusted_per_1000_lower_95,
        per_1000_upper_95 as need_adjusted_per_1000_upper_95,
        variance_at_own_rate,
        underlying_per_1000,
        national_rank as need_adjusted_national_rank,
        {{ percentile_cont_over('underlying_per_1000', 0.75, 'same_selection') }}
            as england_upper_quartile_per_1000
    from statistics
    window same_selection as (partition by measure, specialty)
),

-- The target's 95% interval: the order statistics of the underlying rates either side of the
-- upper quartile's position, n × 0.75 ∓ 1.96 × √(n × 0.75 × 0.25) (for 106 CCGs the 70th and 89th
-- lowest).
ordered as (
    select
        *,
        row_number() over (partition by measure, specialty order by underlying_per_1000, ccg_code)
            as ascending_position,
        count(*) over (partition by measure, specialty) as ccgs
    from league
),

target_interval as (
    select
        measure,
        specialty,
        max(
            case
                when ascending_position = greatest(1, floor(ccgs * 0.75 - {{ z('95') }} * sqrt(ccgs * 0.75 * 0.25)))
                    then underlying_per_1000
            end
        ) as england_upper_quartile_lower_95,
        max(
            case
                when ascending_position = least(ccgs, ceil(ccgs * 0.75 + {{ z('95') }} * sqrt(ccgs * 0.75 * 0.25)))
                    then underlying_per_1000
            end
        ) as england_upper_quartile_upper_95
    from ordered
    group by
        measure,
        specialty
),

members as (
    select
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        league.*,
        target_interval.england_upper_quartile_lower_95,
        target_interval.england_upper_quartile_upper_95,
        measures.counted_as,
        {{ per_1000('sum(league.pathways) over ics', 'sum(league.need_weighted_population) over ics') }}
            as ics_need_adjusted_per_1000,
        first_value(league.ccg_code) over ics_best_first as ics_best_ccg_code,
        first_value(league.ccg_name) over ics_best_first as ics_best_ccg_name,
        first_value(league.need_adjusted_per_1000) over ics_best_first as ics_best_need_adjusted_per_1000
    from league
    inner join memberships on league.ccg_code = memberships.ccg_code
    inner join measures on league.measure = measures.measure
    inner join target_interval
        on
            league.measure = target_interval.measure
            and league.specialty = target_interval.specialty
    window
        ics as (partition by memberships.grouping, memberships.ics_code, league.measure, league.specialty),
        ics_best_first as (
            partition by memberships.grouping, memberships.ics_code, league.measure, league.specialty
            order by league.need_adjusted_per_1000 desc, league.ccg_code asc
            rows between unbounded preceding and unbounded following
        )
),

-- The gap's interval (macro levelling_up_interval, as for the sums over members).
gaps as (
    select
        *,
        {{ levelling_up_gaps() }}
    from members
),

final as (
    select
        grouping,
        ics_code,
        ics_name,
        ccg_code,
        ccg_name,
        measure,
        specialty,
        window_start,
        window_end,
        months,
        pathways,
        need_weighted_population,
        need_adjusted_per_1000,
        need_adjusted_national_rank,
        ics_need_adjusted_per_1000,
        need_adjusted_per_1000 / nullif(ics_need_adjusted_per_1000, 0) as relative_to_ics,
        ics_best_ccg_code,
        ics_best_ccg_name,
        ics_best_need_adjusted_per_1000,
        england_upper_quartile_per_1000,
        england_upper_quartile_lower_95,
        england_upper_quartile_upper_95,
        counted_as,
        {{ monthly_forms(['need_adjusted_per_1000', 'ics_best_need_adjusted_per_1000']) }},
        case
            when counted_as = 'flow'
                then {{ pathways_a_year_at('ics_best_need_adjusted_per_1000') }}
        end as pathways_a_year_at_ics_best,
        case
            when counted_as = 'flow'
                then {{ pathways_a_year_at('england_upper_quartile_per_1000') }}
        end as pathways_a_year_at_england_upper_quartile,
        {{ levelling_up_interval() }},
        pathways_a_year_at_england_upper_quartile_se
    from gaps
)

select * from final
