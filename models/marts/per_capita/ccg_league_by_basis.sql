-- One row per CCG of April 2021 × measure × specialty × basis over the analysis window
-- (int_analysis_window): every statistic that compares a CCG with England and with the other CCGs,
-- computed the same way on two bases (`crude`: per 1,000 residents; `need_adjusted`: per 1,000 of
-- the need-weighted population). The statistics are made below, one step a model, for every kind
-- of area: int_area_window_rates (rates and the limits of chance, widened by the month-to-month
-- variation of int_extra_poisson_dispersion), int_area_rate_spread (the spread between areas, its
-- limits and the underlying rate), int_area_rank_intervals (ranks with intervals). This mart
-- selects the CCGs' rows and names them. ccg_league_table is its crude rows;
-- ccg_need_adjusted_league sets both bases side by side; the report's basis switch reads this.
{#- The window's rates, which also come per month (macro monthly_forms). -#}
{%- set rates = ['per_1000', 'per_1000_lower_95', 'per_1000_upper_95', 'england_per_1000',
    'funnel_lower_95', 'funnel_upper_95', 'funnel_lower_998', 'funnel_upper_998', 'overdispersed_lower_95',
    'overdispersed_upper_95', 'overdispersed_lower_998', 'overdispersed_upper_998'] %}
with

measures as (
    select distinct
        measure,
        counted_as
    from {{ ref('rtt_measures') }}
),

rates as (
    select * from {{ ref('int_area_window_rates') }}
    where area_kind = 'ccg'
),

spread as (
    select * from {{ ref('int_area_rate_spread') }}
),

ranks as (
    select * from {{ ref('int_area_rank_intervals') }}
),

-- The three steps' columns on one row: they share their keys.
ccgs as (
    select
        rates.*,
        spread.z_score,
        spread.overdispersion_phi,
        spread.between_area_variance,
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
),

final as (
    select
        ccgs.basis,
        ccgs.area_code as ccg_code,
        ccgs.area_name as ccg_name,
        ccgs.measure,
        ccgs.specialty,
        ccgs.window_start,
        ccgs.window_end,
        ccgs.months,
        ccgs.pathways,
        ccgs.population,
        ccgs.need_weighted_population,
        ccgs.denominator,
        ccgs.need_index_year_earliest,
        ccgs.need_index_year_latest,
        ccgs.per_1000,
        ccgs.per_1000_lower_95,
        ccgs.per_1000_upper_95,
        ccgs.per_1000_lower_998,
        ccgs.per_1000_upper_998,
        ccgs.poisson_per_1000_lower_95,
        ccgs.poisson_per_1000_upper_95,
        ccgs.england_per_1000,
        ccgs.expected_pathways,
        ccgs.dispersion,
        ccgs.variance_inflation,
        ccgs.funnel_lower_95,
        ccgs.funnel_upper_95,
        ccgs.funnel_lower_998,
        ccgs.funnel_upper_998,
        {{ funnel_position('ccgs.per_1000', 'ccgs.funnel') }} as vs_england,
        ccgs.overdispersion_phi,
        sqrt(ccgs.between_area_variance) as between_ccg_sd_per_1000,
        ccgs.overdispersed_lower_95,
        ccgs.overdispersed_upper_95,
        ccgs.overdispersed_lower_998,
        ccgs.overdispersed_upper_998,
        {{ funnel_position('ccgs.per_1000', 'ccgs.overdispersed') }} as vs_england_overdispersed,
        ccgs.underlying_per_1000,
        sqrt(ccgs.underlying_variance) as underlying_sd_per_1000,
        ccgs.national_rank,
        ccgs.rank_lower_95,
        ccgs.rank_upper_95,
        ccgs.rank_of,
        ccgs.absent_provider_pathways
        / nullif(ccgs.pathways + ccgs.absent_provider_pathways, 0) as absent_provider_share,
        {{ incomplete_data_flag(
            'ccgs.absent_provider_pathways / nullif(ccgs.pathways + ccgs.absent_provider_pathways, 0)'
        ) }} as incomplete_data_flag,
        ccgs.months_code_published_as_other_area > 0 as area_caveat_flag,
        ccgs.population_source,
        ccgs.population_vintage_earliest,
        ccgs.population_vintage_latest,
        measures.counted_as,
        {{ monthly_forms(rates, relation='ccgs') }}
    from ccgs
    inner join measures on ccgs.measure = measures.measure
)

select * from final
