-- One row per CCG of April 2021 × measure × specialty over the analysis window
-- (int_analysis_window): pathways per 1,000 residents, its 95% interval, the national rank, and
-- where it sits against funnel limits around England's rate for a CCG of its population: Poisson
-- limits (chance alone), and limits widened for the spread real CCGs show (over-dispersion).
{%- set z95, z998 = 1.959964, 3.090232 %}
with

monthly as (
    select * from {{ ref('ccg_monthly_activity') }}
),

analysis_window as (
    select * from {{ ref('int_analysis_window') }}
),

monthly_in_window as (
    select monthly.*
    from monthly
    inner join analysis_window on monthly.month = analysis_window.month
),

in_window as (
    select
        ccg_code,
        ccg_name,
        measure,
        specialty,
        min(month) as window_start,
        max(month) as window_end,
        count(*) as months,
        cast(sum(pathways) as bigint) as pathways,
        avg(population) as population,
        sum(absent_provider_pathways) as absent_provider_pathways,
        count(code_published_as) as months_code_published_as_other_ccg,
        any_value(population_source) as population_source,
        min(population_vintage) as population_vintage_earliest,
        max(population_vintage) as population_vintage_latest
    from monthly_in_window
    group by
        ccg_code,
        ccg_name,
        measure,
        specialty
),

rated as (
    select
        *,
        {{ per_1000('pathways', 'population') }} as per_1000,
        {{ per_1000('sum(pathways) over england', 'sum(population) over england') }} as england_per_1000
    from in_window
    window england as (partition by measure, specialty)
),

-- Funnel limits: the Poisson range of counts a CCG of this population would show at England's
-- rate, as rates per 1,000.
with_limits as (
    select
        *,
        england_per_1000 * population / 1000.0 as expected_pathways,
        {{ per_1000(poisson_lower('pathways', z95), 'population') }} as per_1000_lower_95,
        {{ per_1000(poisson_upper('pathways', z95), 'population') }} as per_1000_upper_95,
        {{ per_1000(poisson_lower('england_per_1000 * population / 1000.0', z95), 'population') }}
            as funnel_lower_95,
        {{ per_1000(poisson_upper('england_per_1000 * population / 1000.0', z95), 'population') }}
            as funnel_upper_95,
        {{ per_1000(poisson_lower('england_per_1000 * population / 1000.0', z998), 'population') }}
            as funnel_lower_998,
        {{ per_1000(poisson_upper('england_per_1000 * population / 1000.0', z998), 'population') }}
            as funnel_upper_998
    from rated
),

-- Over-dispersion, after Spiegelhalter (2005): each CCG's z-score against England under Poisson
-- chance, winsorised at 10% each side, gives phi; the between-CCG variance tau² it implies widens
-- every CCG's limits by the same amount, so a CCG outside them is unusual even among real CCGs.
z_scores as (
    select
        *,
        1000.0 * england_per_1000 / population as chance_variance,
        (per_1000 - england_per_1000) / nullif(sqrt(1000.0 * england_per_1000 / population), 0) as z_score
    from with_limits
),

winsorised as (
    select
        *,
        least(
            greatest(z_score, {{ percentile_cont_over('z_score', 0.1, 'same_measure') }}),
            {{ percentile_cont_over('z_score', 0.9, 'same_measure') }}
        ) as z_winsorised
    from z_scores
    window same_measure as (partition by measure, specialty)
),

dispersion as (
    select
        measure,
        specialty,
        avg(power(z_winsorised, 2)) as overdispersion_phi,
        greatest(
            0,
            (count(*) * avg(power(z_winsorised, 2)) - (count(*) - 1))
            / (sum(1 / chance_variance) - sum(1 / power(chance_variance, 2)) / sum(1 / chance_variance))
        ) as between_ccg_variance
    from winsorised
    group by
        measure,
        specialty
),

with_overdispersed_limits as (
    select
        z_scores.*,
        dispersion.overdispersion_phi,
        sqrt(dispersion.between_ccg_variance) as between_ccg_sd_per_1000,
        {%- for level, z in [('95', z95), ('998', z998)] %}
            z_scores.england_per_1000 - {{ z }} * sqrt(z_scores.chance_variance + dispersion.between_ccg_variance)
                as overdispersed_lower_{{ level }},
            z_scores.england_per_1000 + {{ z }} * sqrt(z_scores.chance_variance + dispersion.between_ccg_variance)
                as overdispersed_upper_{{ level }},
        {%- endfor %}
        dispersion.between_ccg_variance
    from z_scores
    inner join dispersion on z_scores.measure = dispersion.measure and z_scores.specialty = dispersion.specialty
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
        per_1000 / months as monthly_per_1000,
        per_1000_lower_95,
        per_1000_upper_95,
        england_per_1000,
        funnel_lower_95,
        funnel_upper_95,
        funnel_lower_998,
        funnel_upper_998,
        case
            when per_1000 > funnel_upper_998 then 'above_99_8'
            when per_1000 > funnel_upper_95 then 'above_95'
            when per_1000 < funnel_lower_998 then 'below_99_8'
            when per_1000 < funnel_lower_95 then 'below_95'
            else 'within'
        end as vs_england,
        overdispersion_phi,
        between_ccg_sd_per_1000,
        overdispersed_lower_95,
        overdispersed_upper_95,
        overdispersed_lower_998,
        overdispersed_upper_998,
        case
            when per_1000 > overdispersed_upper_998 then 'above_99_8'
            when per_1000 > overdispersed_upper_95 then 'above_95'
            when per_1000 < overdispersed_lower_998 then 'below_99_8'
            when per_1000 < overdispersed_lower_95 then 'below_95'
            else 'within'
        end as vs_england_overdispersed,
        absent_provider_pathways / nullif(pathways + absent_provider_pathways, 0) as absent_provider_share,
        coalesce(absent_provider_pathways / nullif(pathways + absent_provider_pathways, 0), 0)
        >= {{ var('absent_provider_flag_share') }} as incomplete_data_flag,
        months_code_published_as_other_ccg > 0 as area_caveat_flag,
        cast(rank() over (partition by measure, specialty order by per_1000 desc) as bigint) as national_rank,
        count(*) over (partition by measure, specialty) as rank_of,
        population_source,
        population_vintage_earliest,
        population_vintage_latest
    from with_overdispersed_limits
)

select * from final
