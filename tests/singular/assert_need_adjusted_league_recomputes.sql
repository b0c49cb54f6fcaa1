-- Every need-adjusted figure of the league recomputes from its parts, and from the monthly mart:
-- expected = England's rate × need-weighted population, the ratio = observed ÷ expected, the
-- adjusted rate = the ratio × England's rate = 1,000 × the window's pathways ÷ the mean monthly
-- need-weighted population; and over England, expected pathways add up to observed ones.
with

league as (
    select * from {{ ref('ccg_need_adjusted_league') }}
),

monthly as (
    select monthly_activity.*
    from {{ ref('ccg_monthly_activity') }} as monthly_activity
    inner join {{ ref('int_analysis_window') }} as analysis_window
        on monthly_activity.month = analysis_window.month
),

from_months as (
    select
        ccg_code,
        measure,
        specialty,
        1000.0 * sum(pathways) / avg(need_weighted_population) as need_adjusted_per_1000
    from monthly
    group by
        ccg_code,
        measure,
        specialty
),

row_problems as (
    select
        league.ccg_code,
        league.measure,
        league.specialty,
        'recomputed ' || cast(from_months.need_adjusted_per_1000 as string) || ', ratio '
        || cast(cast(league.pathways as double) / league.expected_pathways as string) as problem
    from league
    inner join from_months
        on
            league.ccg_code = from_months.ccg_code
            and league.measure = from_months.measure
            and league.specialty = from_months.specialty
    where
        abs(league.expected_pathways - league.england_per_1000 * league.need_weighted_population / 1000)
        > 1e-9 * league.expected_pathways
        or abs(league.standardised_ratio - league.pathways / league.expected_pathways) > 1e-9
        or abs(league.need_adjusted_per_1000 - league.standardised_ratio * league.england_per_1000)
        > 1e-9 * league.england_per_1000
        or abs(league.need_adjusted_per_1000 - from_months.need_adjusted_per_1000)
        > 1e-9 * from_months.need_adjusted_per_1000
),

england_problems as (
    select
        'England' as ccg_code,
        measure,
        specialty,
        'expected ' || cast(sum(expected_pathways) as string) || ', observed ' || cast(sum(pathways) as string)
            as problem
    from league
    group by
        measure,
        specialty
    having abs(sum(expected_pathways) - sum(pathways)) > 1e-6 * sum(pathways)
)

select * from row_problems
union all
select * from england_problems
