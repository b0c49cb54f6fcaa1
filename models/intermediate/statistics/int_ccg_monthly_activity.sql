-- One row per CCG of April 2021 × month × measure × specialty: pathways per 1,000 residents, the
-- CCG's national rank that month (1 = most per 1,000; tied rates share a rank), and that month's
-- rate of its ICB (July 2022) and of England, each pooling its CCGs' pathways over their
-- populations (int_ics_monthly_rates, their one home). Beside it, the rate for the CCG's need:
-- pathways per 1,000 of its need-weighted population (int_need_weighted_populations_by_ccg_month).
-- Where a provider that usually treats the CCG's patients sent no data, its usual activity is shown.
-- Incremental by month on the history fingerprint, as that usual activity is (it looks back).
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build('history_fingerprint') }}
),

activity as (
    select * from {{ ref('int_rtt_activity_by_ccg_month') }}
    where month in (select months.month from months)
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

absent_providers as (
    select * from {{ ref('int_absent_provider_activity_by_ccg_month') }}
    where month in (select months.month from months)
),

area_caveats as (
    select * from {{ ref('int_ccg_area_caveats') }}
    where month in (select months.month from months)
),

populations as (
    select * from {{ ref('int_need_weighted_populations_by_ccg_month') }}
    where month in (select months.month from months)
),

-- Every CCG sits in one ICB of 2022, whose row also carries England's rate that month.
icb_rates as (
    select * from {{ ref('int_ics_monthly_rates') }}
    where grouping = 'icb22' and month in (select months.month from months)
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
        cast(activity.pathways as bigint) as pathways,
        populations.population,
        populations.population_source,
        populations.population_vintage,
        populations.population_vintage_label,
        -- an estimate more than two years from the month (2014-15 on the mid-2020 one, say)
        abs(populations.population_vintage_age_months) > 24 as population_vintage_distant,
        {{ per_1000('activity.pathways', 'populations.population') }} as per_1000,
        populations.need_index,
        populations.need_index_year,
        populations.need_weighted_population,
        {{ per_1000('activity.pathways', 'populations.need_weighted_population') }} as need_adjusted_per_1000,
        coalesce(absent_providers.absent_provider_pathways, 0) as absent_provider_pathways,
        coalesce(absent_providers.absent_provider_pathways, 0)
        / nullif(activity.pathways + coalesce(absent_providers.absent_provider_pathways, 0), 0)
            as absent_provider_share,
        absent_providers.absent_provider_codes,
        area_caveats.published_name as code_published_as,
        icb_rates.per_1000 as icb_per_1000,
        icb_rates.england_per_1000,
        months.build_fingerprint
    from activity
    inner join months on activity.month = months.month
    inner join ccgs on activity.ccg_code = ccgs.ccg_code
    left join populations
        on
            activity.ccg_code = populations.ccg_code
            and activity.month = populations.month
    left join absent_providers
        on
            activity.ccg_code = absent_providers.ccg_code
            and activity.month = absent_providers.month
            and activity.measure = absent_providers.measure
            and activity.specialty = absent_providers.specialty
    left join area_caveats
        on
            activity.ccg_code = area_caveats.ccg_code
            and activity.month = area_caveats.month
    left join icb_rates
        on
            ccgs.icb22_code = icb_rates.ics_code
            and activity.month = icb_rates.month
            and activity.measure = icb_rates.measure
            and activity.specialty = icb_rates.specialty
),

final as (
    select
        *,
        {{ incomplete_data_flag('absent_provider_share') }} as incomplete_data_flag,
        cast(rank() over (partition by month, measure, specialty order by per_1000 desc) as bigint) as national_rank,
        cast(rank() over (partition by month, measure, specialty order by need_adjusted_per_1000 desc) as bigint)
            as need_adjusted_national_rank,
        count(per_1000) over (partition by month, measure, specialty) as rank_of
    from joined
)

select * from final
