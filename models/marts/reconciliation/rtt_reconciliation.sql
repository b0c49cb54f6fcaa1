-- One row per month × measure × specialty: every published pathway accounted for. raw is read
-- straight from the raw tables (int_rtt_published_by_commissioner_month: the month's extract, or its
-- admitted commissioner workbook, summed over every row of the RTT part and treatment function),
-- independently of the staging, mapping and activity models, so a pathway dropped or doubled
-- anywhere between raw and int_ccg_monthly_activity (published as marts.ccg_monthly_activity)
-- shows as `unexplained_pathways`. It is split into pathways attributed to CCGs (as the per-capita
-- mart holds them), non-geographic ones (NHS England hubs and regions, NONC, other commissioners
-- without a parent) and unmatched codes.
-- raw = attributed + non-geographic + unmatched, always (assert_reconciliation_accounts_for_every_pathway).
with

activity as (
    select * from {{ ref('int_rtt_activity_by_commissioner_month') }}
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
),

ccg_monthly as (
    select * from {{ ref('int_ccg_monthly_activity') }}
),

months_loaded as (
    select * from {{ ref('int_months_loaded') }}
),

published as (
    select * from {{ ref('int_rtt_published_by_commissioner_month') }}
),

month_measures as (
    select * from {{ ref('int_month_measures') }}
),

specialties as (
    select * from {{ ref('rtt_specialties') }}
),

-- Every measure the month's source publishes × every specialty, 0 where nothing was published.
raw_by_measure as (
    select
        month_measures.month,
        month_measures.measure,
        specialties.specialty,
        cast(coalesce(sum(published.raw_pathways), 0) as bigint) as raw_pathways
    from month_measures
    cross join specialties
    left join published
        on
            month_measures.month = published.month
            and month_measures.measure = published.measure
            and specialties.specialty = published.specialty
    group by
        month_measures.month,
        month_measures.measure,
        specialties.specialty
),

by_attribution as (
    select
        activity.month,
        activity.measure,
        activity.specialty,
        cast(coalesce(sum(activity.pathways) filter (where commissioners.attribution = 'non_geographic'), 0) as bigint)
            as non_geographic_pathways,
        cast(coalesce(sum(activity.pathways) filter (where commissioners.attribution = 'unmatched'), 0) as bigint)
            as unmatched_pathways,
        cast(
            coalesce(sum(activity.pathways) filter (where commissioners.commissioner_category = 'non_contracted'), 0)
            as bigint
        ) as non_contracted_pathways
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
        cast(sum(pathways) as bigint) as attributed_pathways,
        count(*) as ccgs
    from ccg_monthly
    group by
        month,
        measure,
        specialty
),

final as (
    select
        raw_by_measure.month,
        raw_by_measure.measure,
        raw_by_measure.specialty,
        months_loaded.data_source,
        raw_by_measure.raw_pathways,
        coalesce(attributed.attributed_pathways, 0) as attributed_pathways,
        coalesce(by_attribution.non_geographic_pathways, 0) as non_geographic_pathways,
        coalesce(by_attribution.unmatched_pathways, 0) as unmatched_pathways,
        coalesce(by_attribution.non_contracted_pathways, 0) as non_contracted_pathways,
        raw_by_measure.raw_pathways
        - coalesce(attributed.attributed_pathways, 0)
        - coalesce(by_attribution.non_geographic_pathways, 0)
        - coalesce(by_attribution.unmatched_pathways, 0) as unexplained_pathways,
        attributed.ccgs
    from raw_by_measure
    inner join months_loaded on raw_by_measure.month = months_loaded.month
    left join by_attribution
        on
            raw_by_measure.month = by_attribution.month
            and raw_by_measure.measure = by_attribution.measure
            and raw_by_measure.specialty = by_attribution.specialty
    left join attributed
        on
            raw_by_measure.month = attributed.month
            and raw_by_measure.measure = attributed.measure
            and raw_by_measure.specialty = attributed.specialty
)

select * from final
