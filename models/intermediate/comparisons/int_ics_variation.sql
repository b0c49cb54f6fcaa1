-- One row per grouping × ICS × measure × specialty over the analysis window: how far apart the
-- member CCGs' rates per 1,000 are, and the best and worst members with their national ranks;
-- need-adjusted, the SD of the members' true rates beyond chance (the months' variation included)
-- and its coefficient of variation, the ICS's highest member, and the pathways a year its members
-- would add at England's target with a 95% interval (summed from int_ics_levelling_up).
-- Cochran's Q and I² stay for flows only, and say little: with counts this large almost any
-- spread is beyond Poisson chance, so I² is near 1 for every ICS (Rücker et al. 2008); read the
-- between-member SD instead. A stock's window figure sums month-end lists and has no Q at all.
-- grouping stp21 = ICS of April 2021; icb22 = ICB of July 2022 (only Bassetlaw moved); region21 and
-- region22 = NHS England regions then (int_ics_memberships).
with

-- The members' crude league rows: only the columns compared here (the league's own
-- expected_pathways, at England's rate, is not the one at the ICS's rate below).
league as (
    select
        ccg_code,
        ccg_name,
        measure,
        specialty,
        months,
        pathways,
        population,
        per_1000,
        counted_as,
        national_rank,
        rank_of
    from {{ ref('int_ccg_league_by_basis') }}
    where basis = 'crude'
),

memberships as (
    select * from {{ ref('int_ics_memberships') }}
),

levelling_up as (
    select
        grouping,
        ics_code,
        measure,
        specialty,
        any_value(ics_need_adjusted_per_1000) as need_adjusted_per_1000,
        any_value(ics_best_ccg_code) as best_need_adjusted_ccg_code,
        any_value(ics_best_ccg_name) as best_need_adjusted_ccg_name,
        any_value(ics_best_need_adjusted_per_1000) as best_need_adjusted_per_1000,
        sum(pathways_a_year_at_ics_best) as pathways_a_year_at_ics_best,
        {{ levelling_up_sums() }}
    from {{ ref('int_ics_levelling_up') }}
    group by
        grouping,
        ics_code,
        measure,
        specialty
),

-- The members' need-adjusted rates and their variances from chance (int_area_window_rates).
need_adjusted as (
    select
        area_code as ccg_code,
        measure,
        specialty,
        per_1000 as need_adjusted_per_1000,
        variance_at_own_rate as need_adjusted_variance_at_own_rate
    from {{ ref('int_area_window_rates') }}
    where area_kind = 'ccg' and basis = 'need_adjusted'
),

members as (
    select
        memberships.grouping,
        memberships.ics_code,
        memberships.ics_name,
        league.*,
        need_adjusted.need_adjusted_per_1000,
        need_adjusted.need_adjusted_variance_at_own_rate
    from league
    inner join memberships on league.ccg_code = memberships.ccg_code
    left join need_adjusted
        on
            league.ccg_code = need_adjusted.ccg_code
            and league.measure = need_adjusted.measure
            and league.specialty = need_adjusted.specialty
),

-- Each member's pathways against what it would have at the ICS's pooled rate.
against_pooled_rate as (
    select
        *,
        population * sum(pathways) over ics / sum(population) over ics as expected_pathways
    from members
    window ics as (partition by grouping, ics_code, measure, specialty)
),

spread as (
    select
        grouping,
        ics_code,
        ics_name,
        measure,
        specialty,
        count(*) as member_count,
        min(per_1000) as min_per_1000,
        max(per_1000) as max_per_1000,
        max(per_1000) / nullif(min(per_1000), 0) as max_min_ratio,
        stddev_pop(per_1000) / nullif(avg(per_1000), 0) as cv,
        1000 * sum(pathways) / sum(population) as pooled_per_1000,
        any_value(months) as months,
        any_value(counted_as) as counted_as,
        -- Cochran's Q: with Poisson counts at one common rate it follows chi-square on
        -- member_count - 1 degrees of freedom.
        case
            when any_value(counted_as) = 'flow'
                then sum(power(pathways - expected_pathways, 2) / nullif(expected_pathways, 0))
        end as heterogeneity_q,
        count(*) - 1 as heterogeneity_df,
        -- Tied ranks are broken by code, so the same data always names the same members.
        {{ min_by_columns('ccg_code', ['national_rank', 'ccg_code']) }} as best_ccg_code,
        {{ min_by_columns('ccg_name', ['national_rank', 'ccg_code']) }} as best_ccg_name,
        min(national_rank) as best_national_rank,
        {{ max_by_columns('ccg_code', ['national_rank', 'ccg_code']) }} as worst_ccg_code,
        {{ max_by_columns('ccg_name', ['national_rank', 'ccg_code']) }} as worst_ccg_name,
        max(national_rank) as worst_national_rank,
        any_value(rank_of) as rank_of
    from against_pooled_rate
    group by
        grouping,
        ics_code,
        ics_name,
        measure,
        specialty
),

-- The variance of the members' true need-adjusted rates: their rates' variance less what chance
-- alone gives them (a moment estimate, 0 when chance explains it all; none with one member).
member_spread as (
    select
        grouping,
        ics_code,
        measure,
        specialty,
        case
            when count(need_adjusted_per_1000) > 1
                then greatest(0, var_samp(need_adjusted_per_1000) - avg(need_adjusted_variance_at_own_rate))
        end as need_adjusted_between_member_variance
    from members
    group by
        grouping,
        ics_code,
        measure,
        specialty
),

-- I²: the share of Q beyond what chance alone would give (its degrees of freedom).
final as (
    select
        spread.*,
        {{ monthly_forms(['pooled_per_1000'], relation='spread') }},
        -- No spread at all (Q = 0, e.g. no pathways in any member) leaves none beyond chance.
        case
            when spread.heterogeneity_df > 0 and spread.heterogeneity_q > 0
                then greatest(0, 1 - spread.heterogeneity_df / spread.heterogeneity_q)
            when spread.heterogeneity_df > 0 and spread.counted_as = 'flow' then 0
        end as spread_beyond_chance,
        levelling_up.need_adjusted_per_1000,
        levelling_up.best_need_adjusted_ccg_code,
        levelling_up.best_need_adjusted_ccg_name,
        levelling_up.best_need_adjusted_per_1000,
        levelling_up.pathways_a_year_at_ics_best,
        levelling_up.pathways_a_year_at_england_upper_quartile,
        {{ levelling_up_interval('levelling_up') }},
        sqrt(member_spread.need_adjusted_between_member_variance) as need_adjusted_between_member_sd_per_1000,
        sqrt(member_spread.need_adjusted_between_member_variance) / nullif(levelling_up.need_adjusted_per_1000, 0)
            as need_adjusted_between_member_cv
    from spread
    left join levelling_up
        on
            spread.grouping = levelling_up.grouping
            and spread.ics_code = levelling_up.ics_code
            and spread.measure = levelling_up.measure
            and spread.specialty = levelling_up.specialty
    inner join member_spread
        on
            spread.grouping = member_spread.grouping
            and spread.ics_code = member_spread.ics_code
            and spread.measure = member_spread.measure
            and spread.specialty = member_spread.specialty
)

select * from final
