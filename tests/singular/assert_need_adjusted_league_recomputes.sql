-- Every need-adjusted figure of the league recomputes from its parts, and from the monthly mart:
-- expected = England's rate × need-weighted population, the ratio = observed ÷ expected, the
-- adjusted rate = the ratio × England's rate = 1,000 × the window's pathways ÷ the mean monthly
-- need-weighted population; and over England, expected pathways add up to observed ones.
with

league as (
    select * from {{ ref('ccg_need_adjusted_league') }}
),

monthly as (
    {{ rows_in_analysis_window(ref('ccg_monthly_activity')) }}
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
        || coalesce(cast(league.standardised_ratio as string), 'none') as problem
    from league
    inner join from_months
        on
            league.ccg_code = from_months.ccg_code
            and league.measure = from_months.measure
            and league.specialty = from_months.specialty
    where
        abs(league.expected_pathways - league.england_per_1000 * league.need_weighted_population / 1000)
        > 1e-9 * league.expected_pathways
        or abs(league.need_adjusted_per_1000 - from_months.need_adjusted_per_1000)
        > 1e-9 * from_months.need_adjusted_per_1000
        -- The ratio exists where England has pathways to expect.
        or (league.expected_pathways > 0) != (league.standardised_ratio is not null)
        or league.expected_pathways > 0 and (
            abs(league.standardised_ratio - league.pathways / league.expected_pathways) > 1e-9
            or abs(league.need_adjusted_per_1000 - league.standardised_ratio * league.england_per_1000)
            > 1e-9 * league.england_per_1000
        )
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
