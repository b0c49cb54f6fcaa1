-- One row per CCG of April 2021 × measure × specialty over the analysis window
-- (int_analysis_window): pathways per 1,000 residents and the national rank.
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
        sum(pathways) as pathways,
        avg(population) as population,
        sum(absent_provider_pathways) as absent_provider_pathways,
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
        {{ per_1000('pathways', 'population') }} as per_1000
    from in_window
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
        absent_provider_pathways / nullif(pathways + absent_provider_pathways, 0) as absent_provider_share,
        coalesce(absent_provider_pathways / nullif(pathways + absent_provider_pathways, 0), 0)
        >= {{ var('absent_provider_flag_share') }} as incomplete_data_flag,
        rank() over (partition by measure, specialty order by per_1000 desc) as national_rank,
        count(*) over (partition by measure, specialty) as rank_of,
        population_source,
        population_vintage_earliest,
        population_vintage_latest
    from rated
)

select * from final
