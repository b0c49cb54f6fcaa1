-- One row per month × measure × specialty: every published pathway accounted for. raw is the
-- month's source (its extract, or its admitted commissioner workbook) summed over all
-- commissioners; it is split into pathways attributed to CCGs (as the per-capita mart holds them),
-- non-geographic ones (NHS England hubs and regions, NONC, other commissioners without a parent)
-- and unmatched codes. raw = attributed + non-geographic + unmatched.
with

activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
),

ccg_monthly as (
    select * from {{ ref('ccg_monthly_activity') }}
),

months_loaded as (
    select * from {{ ref('int_months_loaded') }}
),

by_attribution as (
    select
        activity.month,
        activity.measure,
        activity.specialty,
        sum(activity.pathways) as raw_pathways,
        coalesce(sum(activity.pathways) filter (where commissioners.attribution = 'non_geographic'), 0)
            as non_geographic_pathways,
        coalesce(sum(activity.pathways) filter (where commissioners.attribution = 'unmatched'), 0)
            as unmatched_pathways,
        coalesce(sum(activity.pathways) filter (where commissioners.commissioner_category = 'non_contracted'), 0)
            as non_contracted_pathways
    from activity
    left join commissioners on activity.commissioner_code = commissioners.commissioner_code
    group by
        activity.month,
        activity.measure,
        activity.specialty
),

attributed as (
    select
        month,
        measure,
        specialty,
        sum(pathways) as attributed_pathways,
        count(*) as ccgs
    from ccg_monthly
    group by
        month,
        measure,
        specialty
),

final as (
    select
        by_attribution.month,
        by_attribution.measure,
        by_attribution.specialty,
        months_loaded.data_source,
        by_attribution.raw_pathways,
        coalesce(attributed.attributed_pathways, 0) as attributed_pathways,
        by_attribution.non_geographic_pathways,
        by_attribution.unmatched_pathways,
        by_attribution.non_contracted_pathways,
        by_attribution.raw_pathways
        - coalesce(attributed.attributed_pathways, 0)
        - by_attribution.non_geographic_pathways
        - by_attribution.unmatched_pathways as unexplained_pathways,
        attributed.ccgs
    from by_attribution
    inner join months_loaded on by_attribution.month = months_loaded.month
    left join attributed
        on
            by_attribution.month = attributed.month
            and by_attribution.measure = attributed.measure
            and by_attribution.specialty = attributed.specialty
)

select * from final
