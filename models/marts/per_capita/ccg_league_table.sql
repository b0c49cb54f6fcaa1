-- One row per CCG of April 2021 × measure × specialty over the analysis window
-- (int_analysis_window): pathways per 1,000 residents, its 95% interval, the national rank with its
-- 95% interval, and where the CCG sits against funnel limits around England's rate for a CCG of its
-- population: Poisson limits (chance alone), and limits widened for the spread real CCGs show
-- (over-dispersion). The statistics are int_ccg_league_by_basis' crude basis (made in
-- models/intermediate/statistics); the need-adjusted ones sit beside them in ccg_need_adjusted_league.
with

comparisons as (
    select * from {{ ref('int_ccg_league_by_basis') }}
    where basis = 'crude'
),

final as (
    select
        ccg_code,
        ccg_name,
        measure,
        specialty,
        window_start,
        window_end,
        months,
        pathways,
        population,
        per_1000,
        monthly_per_1000,
        per_1000_lower_95,
        per_1000_upper_95,
        england_per_1000,
        monthly_england_per_1000,
        counted_as,
        funnel_lower_95,
        funnel_upper_95,
        funnel_lower_998,
        funnel_upper_998,
        vs_england,
        overdispersion_phi,
        between_ccg_sd_per_1000,
        overdispersed_lower_95,
        overdispersed_upper_95,
        overdispersed_lower_998,
        overdispersed_upper_998,
        vs_england_overdispersed,
        absent_provider_share,
        incomplete_data_flag,
        area_caveat_flag,
        national_rank,
        rank_lower_95,
        rank_upper_95,
        rank_of,
        population_source,
        population_vintage_earliest,
        population_vintage_latest
    from comparisons
)

select * from final
