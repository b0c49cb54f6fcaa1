-- One row per CCG of April 2021 × measure × specialty over the analysis window: the crude league
-- (per 1,000 residents) and the need-adjusted one side by side. The need-adjusted comparison is an
-- indirectly standardised ratio, as OHID's Fingertips computes them: observed pathways ÷ those
-- expected at England's rate for a population of the CCG's need (its need-weighted population),
-- with the limits of the need-adjusted rate (month-to-month variation included) over England's
-- rate; times England's rate it is the need-adjusted rate per 1,000. Both ranks carry a 95%
-- interval (int_ccg_league_by_basis).
with

comparisons as (
    select * from {{ ref('int_ccg_league_by_basis') }}
),

crude as (
    select * from comparisons
    where basis = 'crude'
),

adjusted as (
    select * from comparisons
    where basis = 'need_adjusted'
),

final as (
    select
        adjusted.ccg_code,
        adjusted.ccg_name,
        adjusted.measure,
        adjusted.specialty,
        adjusted.window_start,
        adjusted.window_end,
        adjusted.months,
        adjusted.pathways,
        adjusted.population,
        crude.per_1000 as crude_per_1000,
        crude.national_rank as crude_national_rank,
        crude.rank_lower_95 as crude_rank_lower_95,
        crude.rank_upper_95 as crude_rank_upper_95,
        adjusted.need_weighted_population / adjusted.population as need_index,
        adjusted.need_index_year_earliest,
        adjusted.need_index_year_latest,
        adjusted.need_weighted_population,
        adjusted.england_per_1000,
        adjusted.expected_pathways,
        -- No ratio where England has no pathways to expect (a specialty a month does not carry).
        adjusted.pathways / nullif(adjusted.expected_pathways, 0) as standardised_ratio,
        {%- for level in ['95', '998'] %}
            adjusted.per_1000_lower_{{ level }} / nullif(adjusted.england_per_1000, 0) as ratio_lower_{{ level }},
            adjusted.per_1000_upper_{{ level }} / nullif(adjusted.england_per_1000, 0) as ratio_upper_{{ level }},
        {%- endfor %}
        adjusted.per_1000 as need_adjusted_per_1000,
        adjusted.national_rank as need_adjusted_national_rank,
        adjusted.rank_lower_95 as need_adjusted_rank_lower_95,
        adjusted.rank_upper_95 as need_adjusted_rank_upper_95,
        adjusted.rank_of,
        crude.national_rank - adjusted.national_rank as places_up_when_need_adjusted,
        adjusted.overdispersion_phi,
        adjusted.between_ccg_sd_per_1000,
        adjusted.overdispersed_lower_95,
        adjusted.overdispersed_upper_95,
        adjusted.overdispersed_lower_998,
        adjusted.overdispersed_upper_998,
        adjusted.vs_england_overdispersed,
        crude.vs_england_overdispersed as crude_vs_england_overdispersed,
        adjusted.incomplete_data_flag,
        adjusted.population_source
    from adjusted
    inner join crude
        on
            adjusted.ccg_code = crude.ccg_code
            and adjusted.measure = crude.measure
            and adjusted.specialty = crude.specialty
)

select * from final
