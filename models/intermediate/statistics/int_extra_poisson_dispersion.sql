-- One row per area × measure × specialty over the analysis window: how much more the area's count
-- varies from one month to the next than Poisson chance would make it, and so how much wider than
-- Poisson every interval of the window must be (`variance_inflation`, used by
-- int_area_window_rates). docs/methodology.md, "Chance from month to month", gives the method,
-- what its intervals cover (the rate of this window, not an area's lasting rate), its checks on
-- the real months and its sources.
--
-- 1. Each area's expected count in a month: its population × England's rate that month × the
--    area's own ratio over the window, the quasi-Poisson model log E[count] = area + month
--    (McCullagh and Nelder 1989, chapters 6 and 9). Its Pearson residual is (count − expected) ÷
--    √expected.
-- 2. Under the model a residual has variance `dispersion` (1 for Poisson). The change between two
--    consecutive months has variance 2 × dispersion, whatever the area's level: changes, not
--    Pearson's X² about the window's level (von Neumann et al. 1941), because a drift of an
--    area's rate within the window is part of its window rate, not chance. (McCullagh and Nelder's
--    X² ÷ degrees of freedom reads 2.8 times higher on the real months, admitted pathways, for
--    that drift.)
-- 3. The dispersion grows with the area's size, as a power: on the real months 2.1 for the
--    smallest fifth of CCGs, 5.4 for the largest, about 11 for a region. So the log of half each
--    squared change is fitted by least squares on the log of the area's mean monthly count, pooled
--    over every area of the kind and pair of consecutive months; log(change² ÷ 2) = log dispersion
--    + log χ²₁, whose mean is −(γ + log 2) = −1.27036 (Bartlett and Kendall 1946), so
--    dispersion = exp(fitted value + 1.27036), at least 1. The power is held between 0 (one
--    dispersion for every size) and 1 (a month effect that multiplies the count): a kind with few
--    areas (7 regions) fits it from noise, −2.4 to +3.0 on the real months. On logs a step (a provider joining an
--    area's pathways mid-window) or a month a provider sent nothing (flagged
--    `incomplete_data_flag`) moves the fit little; the mean of the squared changes reads twice as
--    high. A window of one month has no pair, and stays Poisson (`month_pairs` 0, dispersion 1).
-- 4. `variance_inflation`: the window figure's variance over a Poisson count's. A flow's window
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

-- An area's size: its mean expected count a month (0 for an area with no pathways, which says
-- nothing of chance and keeps dispersion 1).
area_sizes as (
    select
        area_kind,
        area_code,
        measure,
        specialty,
        count(*) as months,
        avg(fitted_pathways) as mean_monthly_count
    from fitted
    group by
        area_kind,
        area_code,
        measure,
        specialty
),

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

with_previous as (
    select
        *,
        lag(month) over same_area_in_order as previous_month,
        lag(pearson_residual) over same_area_in_order as previous_residual
    from residuals
    window same_area_in_order as (partition by area_kind, area_code, measure, specialty order by month)
),

successive as (
    select
        area_kind,
        area_code,
        measure,
        specialty,
        pearson_residual - previous_residual as residual_change,
        {{ dbt.datediff('previous_month', 'month', 'month') }} as months_apart
    from with_previous
),

-- A change of 0 (equal small counts) has no logarithm; it is left out, and so is one below 1e-9,
-- which is a 0 that floating-point sums in another order left a few bits off (its logarithm, about
-- −70, would sway the fit, and differently on every build).
changes as (
    select
        successive.area_kind,
        successive.measure,
        successive.specialty,
        ln(area_sizes.mean_monthly_count) as log_size,
        ln(power(successive.residual_change, 2) / 2) as log_half_square
    from successive
    inner join area_sizes
        on
            successive.area_kind = area_sizes.area_kind
            and successive.area_code = area_sizes.area_code
            and successive.measure = area_sizes.measure
            and successive.specialty = area_sizes.specialty
    where successive.months_apart = 1 and abs(successive.residual_change) > 1e-9
),

fit as (
    select
        area_kind,
        measure,
        specialty,
        count(*) as month_pairs,
        avg(log_half_square) as mean_log_half_square,
        avg(log_size) as mean_log_size,
        -- areas all of one size leave the power unknown: none
        least(1.0, greatest(0.0, coalesce(covar_pop(log_half_square, log_size) / nullif(var_pop(log_size), 0), 0)))
            as dispersion_power
    from changes
    group by
        area_kind,
        measure,
        specialty
),

dispersed as (
    select
        area_sizes.*,
        coalesce(fit.month_pairs, 0) as month_pairs,
        fit.dispersion_power,
        case
            when area_sizes.mean_monthly_count > 0 and fit.month_pairs > 0
                then greatest(1.0, exp(
                        fit.mean_log_half_square + 1.27036
                        + fit.dispersion_power * (ln(area_sizes.mean_monthly_count) - fit.mean_log_size)
                    ))
            else 1.0
        end as dispersion
    from area_sizes
    left join fit
        on
            area_sizes.area_kind = fit.area_kind
            and area_sizes.measure = fit.measure
            and area_sizes.specialty = fit.specialty
),

final as (
    select
        dispersed.area_kind,
        dispersed.area_code,
        dispersed.measure,
        dispersed.specialty,
        dispersed.months,
        dispersed.mean_monthly_count,
        dispersed.month_pairs,
        dispersed.dispersion_power,
        dispersed.dispersion,
        measures.counted_as,
        dispersed.dispersion * case when measures.counted_as = 'stock' then dispersed.months else 1 end
            as variance_inflation
    from dispersed
    inner join measures on dispersed.measure = measures.measure
)

select * from final
