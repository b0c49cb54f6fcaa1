-- One row per area × measure × specialty × basis over the analysis window: how far the areas'
-- rates spread beyond chance, and the limits and estimates that allow for it (beside the rates of
-- int_area_window_rates, which int_area_statistics joins on the same keys).
--
-- Over-dispersion as an additive random effect (Spiegelhalter 2005; Spiegelhalter et al. 2012,
-- §5): each area's true rate is drawn from a spread of SD τ around England's, and observed with
-- the chance of int_area_window_rates (month-to-month variation included). τ² is the moment
-- estimator of DerSimonian and Laird (1986) on every area's z-score, not winsorised: winsorising
-- at 10% each side shrinks the mean squared z-score to 0.68 of its value under a normal spread,
-- and the limits drawn from it held 16% of real CCGs outside "95%", admitted pathways, crude
-- (docs/methodology.md).
-- The over-dispersed limits are England ± z·√(chance variance + τ²); the underlying rate is the
-- random effect's estimate (Goldstein and Spiegelhalter 1996), pulled towards England by the
-- share of the area's variance that is chance.
with

rates as (
    select * from {{ ref('int_area_window_rates') }}
),

z_scores as (
    select
        *,
        (per_1000 - england_per_1000) / nullif(sqrt(variance_at_england_rate), 0) as z_score
    from rates
),

spread as (
    select
        area_kind,
        basis,
        measure,
        specialty,
        avg(power(z_score, 2)) as overdispersion_phi,
        greatest(
            0,
            (sum(power(z_score, 2)) - (count(z_score) - 1))
            / nullif(
                sum(1 / nullif(variance_at_england_rate, 0))
                - sum(1 / nullif(power(variance_at_england_rate, 2), 0)) / sum(1 / nullif(variance_at_england_rate, 0)),
                0
            )
        ) as between_area_variance
    from z_scores
    group by
        area_kind,
        basis,
        measure,
        specialty
),

with_spread as (
    select
        z_scores.*,
        spread.overdispersion_phi,
        spread.between_area_variance,
        spread.between_area_variance
        / nullif(spread.between_area_variance + z_scores.variance_at_england_rate, 0) as reliability
    from z_scores
    inner join spread
        on
            z_scores.area_kind = spread.area_kind
            and z_scores.basis = spread.basis
            and z_scores.measure = spread.measure
            and z_scores.specialty = spread.specialty
),

final as (
    select
        area_kind,
        area_code,
        measure,
        specialty,
        basis,
        z_score,
        overdispersion_phi,
        between_area_variance,
        reliability,
        {%- for level in ['95', '998'] %}
            england_per_1000 - {{ z(level) }} * sqrt(variance_at_england_rate + between_area_variance)
                as overdispersed_lower_{{ level }},
            england_per_1000 + {{ z(level) }} * sqrt(variance_at_england_rate + between_area_variance)
                as overdispersed_upper_{{ level }},
        {%- endfor %}
        england_per_1000 + coalesce(reliability, 0) * (per_1000 - england_per_1000) as underlying_per_1000,
        coalesce(reliability, 0) * variance_at_england_rate as underlying_variance
    from with_spread
)

select * from final
