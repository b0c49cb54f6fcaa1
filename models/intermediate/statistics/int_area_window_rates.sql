-- One row per area × measure × specialty × basis over the analysis window: the window's rate per
-- 1,000, England's, the count expected at England's rate, and the limits of chance for both, on
-- two bases. `crude`: per 1,000 residents. `need_adjusted`: per 1,000 of the need-weighted
-- population, which is the standardised ratio (observed ÷ expected at England's rate for the
-- area's need) times England's rate.
--
-- Chance here is what the months show, not Poisson alone: the window total's variance is
-- `variance_inflation` × a Poisson count's (int_extra_poisson_dispersion). The limits are Byar's
-- for a Poisson count scaled to that variance, v × limit(count ÷ v), the quasi-Poisson form; at
-- v = 1 they are Byar's own, which stay beside them as `poisson_per_1000_*`.
-- A stock (the waiting list) is summed over the window like a flow, so its rate ÷ months is the
-- mean month-end list; its variance_inflation makes that mean one observation, not `months`.
with

months as (
    select * from {{ ref('int_area_months_in_window') }}
),

dispersion as (
    select * from {{ ref('int_extra_poisson_dispersion') }}
),

in_window as (
    select
        area_kind,
        area_code,
        area_name,
        measure,
        specialty,
        min(month) as window_start,
        max(month) as window_end,
        count(*) as months,
        cast(sum(pathways) as bigint) as pathways,
        avg(population) as population,
        avg(need_weighted_population) as need_weighted_population,
        min(need_index_year) as need_index_year_earliest,
        max(need_index_year) as need_index_year_latest,
        sum(absent_provider_pathways) as absent_provider_pathways,
        count(code_published_as) as months_code_published_as_other_area,
        any_value(population_source) as population_source,
        min(population_vintage) as population_vintage_earliest,
        max(population_vintage) as population_vintage_latest
    from months
    group by
        area_kind,
        area_code,
        area_name,
        measure,
        specialty
),

-- The one difference between the bases: the denominator.
by_basis as (
    select
        *,
        'crude' as basis,
        population as denominator
    from in_window
    union all
    select
        *,
        'need_adjusted' as basis,
        need_weighted_population as denominator
    from in_window
),

rated as (
    select
        by_basis.*,
        dispersion.dispersion,
        dispersion.variance_inflation,
        {{ per_1000('by_basis.pathways', 'by_basis.denominator') }} as per_1000,
        {{ per_1000('sum(by_basis.pathways) over england', 'sum(by_basis.denominator) over england') }}
            as england_per_1000
    from by_basis
    inner join dispersion
        on
            by_basis.area_kind = dispersion.area_kind
            and by_basis.area_code = dispersion.area_code
            and by_basis.measure = dispersion.measure
            and by_basis.specialty = dispersion.specialty
    window england as (partition by by_basis.area_kind, by_basis.basis, by_basis.measure, by_basis.specialty)
),

-- The rate's own interval, and the funnel: the range of rates chance would give an area of this
-- denominator at England's rate.
final as (
    select
        *,
        england_per_1000 * denominator / 1000.0 as expected_pathways,
        {%- for level in ['95', '998'] %}
            {{ per_1000(scaled_poisson_lower('pathways', z(level), 'variance_inflation'), 'denominator') }}
                as per_1000_lower_{{ level }},
            {{ per_1000(scaled_poisson_upper('pathways', z(level), 'variance_inflation'), 'denominator') }}
                as per_1000_upper_{{ level }},
            {{ per_1000(scaled_poisson_lower('england_per_1000 * denominator / 1000.0', z(level), 'variance_inflation'),
                'denominator') }} as funnel_lower_{{ level }},
            {{ per_1000(scaled_poisson_upper('england_per_1000 * denominator / 1000.0', z(level), 'variance_inflation'),
                'denominator') }} as funnel_upper_{{ level }},
        {%- endfor %}
        {{ per_1000(poisson_lower('pathways', z('95')), 'denominator') }} as poisson_per_1000_lower_95,
        {{ per_1000(poisson_upper('pathways', z('95')), 'denominator') }} as poisson_per_1000_upper_95,
        -- Variances of a rate per 1,000: at England's rate (the funnel's, for z-scores and the
        -- spread between areas) and at the area's own (its estimate's, for the rank intervals).
        variance_inflation * 1000.0 * england_per_1000 / nullif(denominator, 0) as variance_at_england_rate,
        variance_inflation * 1000000.0 * pathways / nullif(power(denominator, 2), 0) as variance_at_own_rate
    from rated
)

select * from final
