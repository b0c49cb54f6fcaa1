-- One row per CCG of April 2021 × month × measure × specialty: pathways per 1,000 residents and
-- the CCG's national rank that month (1 = most per 1,000; tied rates share a rank).
with

activity as (
    select * from {{ ref('int_rtt_activity_by_ccg_month') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_described') }}
),

populations as (
    select * from {{ ref('int_populations_by_ccg_month') }}
    where population_source = '{{ var("population_source") }}'
),

joined as (
    select
        activity.ccg_code,
        ccgs.ccg_name,
        ccgs.stp21_code,
        ccgs.icb22_code,
        ccgs.region_code,
        activity.month,
        activity.measure,
        activity.specialty,
        activity.pathways,
        populations.population,
        populations.population_source,
        populations.population_vintage,
        populations.population_vintage_label,
        {{ per_1000('activity.pathways', 'populations.population') }} as per_1000
    from activity
    inner join ccgs on activity.ccg_code = ccgs.ccg_code
    left join populations
        on
            activity.ccg_code = populations.ccg_code
            and activity.month = populations.month
),

final as (
    select
        *,
        rank() over (partition by month, measure, specialty order by per_1000 desc) as national_rank
    from joined
)

select * from final
