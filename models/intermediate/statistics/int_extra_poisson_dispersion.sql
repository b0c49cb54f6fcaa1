-- One row per area kind × measure × specialty over the analysis window: how much more an area's
-- count varies from one month to the next than Poisson chance would make it, and so how much
-- wider than Poisson every interval of the window must be (`variance_inflation`, used by
-- int_area_window_rates). docs/methodology.md, "Chance from month to month", gives the method,
-- its checks and its sources.
--
-- 1. Each area's expected count in a month: its population × England's rate that month × the
--    area's own ratio over the window, the quasi-Poisson model log E[count] = area + month
--    (McCullagh and Nelder 1989, §4.5). Its Pearson residual is (count − expected) ÷ √expected.
-- 2. `dispersion`: the variance of a residual, from the changes between consecutive months,
--    pooled over every area: a change's square is 2 × dispersion × a chi-square on one degree of
--    freedom, so dispersion = median(change²) ÷ (2 × 0.454936, that chi-square's median); at
--    least 1. Successive changes, not Pearson's X² about the window's level (von Neumann et al.
--    1941): a drift of an area's rate within the window is part of its window rate, not chance.
--    The median, not the mean: a step (a provider joining an area's pathways mid-window) or a
--    month a provider sent nothing is one or two huge changes that are not month-to-month chance
--    (the second is flagged `incomplete_data_flag`). On the real months it agrees with the
--    split-half check of docs/methodology.md; the mean of the squares reads twice as high. A
--    window of one month has no pair, and stays Poisson (`dispersion` 1, `month_pairs` 0).
-- 3. `variance_inflation`: the window figure's variance over a Poisson count's. A flow's window
--    total sums independent months: `dispersion`. A stock (the waiting list) is not a sum: its
--    month-end lists are largely the same patients, so the window's mean list counts as one
--    observation of variance `dispersion` × the list, which on the window total's scale (months ×
--    the mean) is `dispersion` × months.
with

months as (
    select * from {{ ref('int_area_months_in_window') }}
),

measures as (
    select distinct
        measure,
        counted_as
    from {{ ref('rtt_measures') }}
),

at_england_rate as (
    select
        *,
        population * sum(pathways) over same_month / nullif(sum(population) over same_month, 0)
            as expected_at_england_rate
    from months
    window same_month as (partition by area_kind, measure, specialty, month)
),

fitted as (
    select
        *,
        expected_at_england_rate * sum(pathways) over same_area
        / nullif(sum(expected_at_england_rate) over same_area, 0) as fitted_pathways
    from at_england_rate
    window same_area as (partition by area_kind, area_code, measure, specialty)
),

-- An area with no pathways in the window has a fitted count of 0 and says nothing of chance.
residuals as (
    select
        area_kind,
        area_code,
        measure,
        specialty,
        month,
        (pathways - fitted_pathways) / sqrt(fitted_pathways) as pearson_residual
    from fitted
    where fitted_pathways > 0
),

successive as (
    select
        area_kind,
        measure,
        specialty,
        month,
        pearson_residual - lag(pearson_residual) over same_area_in_order as residual_change,
        {{ dbt.datediff('lag(month) over same_area_in_order', 'month', 'month') }} as months_apart
    from residuals
    window same_area_in_order as (partition by area_kind, area_code, measure, specialty order by month)
),

pooled as (
    select
        area_kind,
        measure,
        specialty,
        count(distinct month) as months,
        count(case when months_apart = 1 then 1 end) as month_pairs,
        median(case when months_apart = 1 then power(residual_change, 2) end) / (2 * 0.454936) as residual_variance
    from successive
    group by
        area_kind,
        measure,
        specialty
),

final as (
    select
        pooled.area_kind,
        pooled.measure,
        pooled.specialty,
        pooled.months,
        pooled.month_pairs,
        greatest(1.0, coalesce(pooled.residual_variance, 1.0)) as dispersion,
        measures.counted_as,
        greatest(1.0, coalesce(pooled.residual_variance, 1.0))
        * case when measures.counted_as = 'stock' then pooled.months else 1 end as variance_inflation
    from pooled
    inner join measures on pooled.measure = measures.measure
)

select * from final
