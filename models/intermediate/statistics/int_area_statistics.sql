-- One row per area kind × area × measure × specialty × basis over the analysis window: the three
-- statistics' steps on one row, joined once here for every mart that shows them. Each column is
-- its step's: int_area_window_rates (rates and the limits of chance), int_area_rate_spread (the
-- spread between areas, its limits, the underlying rate) and int_area_rank_intervals (ranks with
-- intervals). The steps share their keys, so the joins neither add nor drop a row.
with

rates as (
    select * from {{ ref('int_area_window_rates') }}
),

spread as (
    select * from {{ ref('int_area_rate_spread') }}
),

ranks as (
    select * from {{ ref('int_area_rank_intervals') }}
),

final as (
    select
        rates.*,
        spread.z_score,
        spread.overdispersion_phi,
        spread.between_area_variance,
        spread.reliability,
        spread.overdispersed_lower_95,
        spread.overdispersed_upper_95,
        spread.overdispersed_lower_998,
        spread.overdispersed_upper_998,
        spread.underlying_per_1000,
        spread.underlying_variance,
        ranks.national_rank,
        ranks.rank_of,
        ranks.rank_lower_95,
        ranks.rank_upper_95
    from rates
    inner join spread
        on
            rates.area_kind = spread.area_kind
            and rates.area_code = spread.area_code
            and rates.measure = spread.measure
            and rates.specialty = spread.specialty
            and rates.basis = spread.basis
    inner join ranks
        on
            rates.area_kind = ranks.area_kind
            and rates.area_code = ranks.area_code
            and rates.measure = ranks.measure
            and rates.specialty = ranks.specialty
            and rates.basis = ranks.basis
)

select * from final
