-- One row per CCG of April 2021 × measure × specialty × basis over the analysis window
-- (int_analysis_window): every statistic that compares a CCG with England and with the other CCGs,
-- computed the same way on two bases (`crude`: per 1,000 residents; `need_adjusted`: per 1,000 of
-- the need-weighted population), named as the CCGs' league names them. The statistics are made
-- below, one step a model, for every kind of area (int_area_statistics joins them); this model
-- selects the CCGs' rows and adds what a reader of the league asks next: where each sits against
-- the funnels, the spreads as SDs, and the flags. Published whole as ccg_league_by_basis;
-- ccg_league_table is its crude rows; int_ccg_need_adjusted_league sets the bases side by side.
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

statistics as (
    select * from {{ ref('int_area_statistics') }}
    where area_kind = 'ccg'
),

final as (
    select
        statistics.basis,
        statistics.area_code as ccg_code,
        statistics.area_name as ccg_name,
        statistics.measure,
        statistics.specialty,
        statistics.window_start,
        statistics.window_end,
        statistics.months,
        statistics.pathways,
        statistics.population,
        statistics.need_weighted_population,
        statistics.denominator,
        statistics.need_index_year_earliest,
        statistics.need_index_year_latest,
        statistics.per_1000,
        statistics.per_1000_lower_95,
        statistics.per_1000_upper_95,
        statistics.per_1000_lower_998,
        statistics.per_1000_upper_998,
        statistics.poisson_per_1000_lower_95,
        statistics.poisson_per_1000_upper_95,
        statistics.england_per_1000,
        statistics.expected_pathways,
        statistics.dispersion,
        statistics.variance_inflation,
        statistics.funnel_lower_95,
        statistics.funnel_upper_95,
        statistics.funnel_lower_998,
        statistics.funnel_upper_998,
        {{ funnel_position('statistics.per_1000', 'statistics.funnel') }} as vs_england,
        statistics.overdispersion_phi,
        sqrt(statistics.between_area_variance) as between_ccg_sd_per_1000,
        statistics.overdispersed_lower_95,
        statistics.overdispersed_upper_95,
        statistics.overdispersed_lower_998,
        statistics.overdispersed_upper_998,
        {{ funnel_position('statistics.per_1000', 'statistics.overdispersed') }} as vs_england_overdispersed,
        statistics.underlying_per_1000,
        sqrt(statistics.underlying_variance) as underlying_sd_per_1000,
        statistics.national_rank,
        statistics.rank_lower_95,
        statistics.rank_upper_95,
        statistics.rank_of,
        statistics.absent_provider_pathways
        / nullif(statistics.pathways + statistics.absent_provider_pathways, 0) as absent_provider_share,
        {{ incomplete_data_flag(
            'statistics.absent_provider_pathways / nullif(statistics.pathways + statistics.absent_provider_pathways, 0)'
        ) }} as incomplete_data_flag,
        statistics.months_code_published_as_other_area > 0 as area_caveat_flag,
        statistics.population_source,
        statistics.population_vintage_earliest,
        statistics.population_vintage_latest,
        measures.counted_as,
        {{ monthly_forms(rates, relation='statistics') }}
    from statistics
    inner join measures on statistics.measure = measures.measure
)

select * from final
