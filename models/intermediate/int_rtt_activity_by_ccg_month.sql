-- One row per CCG of April 2021 × loaded month × measure its source publishes × specialty: pathways
-- of the commissioners attributed to the CCG (none recorded is 0), and their week bands.
-- Incremental by month (a commissioner's CCG depends only on its code, the ODS successors and the
-- seeds, which are all in the month's fingerprint).
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

activity as (
    select * from {{ ref('int_rtt_activity_by_commissioner_month') }}
    where month in (select months.month from months)
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

-- The measures each month's source publishes (a workbook month has admitted_completed only).
month_measures as (
    select distinct
        month,
        measure
    from activity
),

specialties as (
    select specialty from {{ ref('rtt_specialties') }}
),

attributed as (
    select
        commissioners.ccg_code,
        activity.month,
        activity.measure,
        activity.specialty,
        {{- rtt_band_sums('activity') }}
        sum(activity.pathways) as pathways
    from activity
    inner join commissioners on activity.commissioner_code = commissioners.commissioner_code
    where commissioners.attribution = 'attributed'
    group by
        commissioners.ccg_code,
        activity.month,
        activity.measure,
        activity.specialty
),

spine as (
    select
        ccgs.ccg_code,
        month_measures.month,
        month_measures.measure,
        specialties.specialty
    from ccgs
    cross join month_measures
    cross join specialties
),

final as (
    select
        spine.*,
        {%- for band in rtt_week_bands() %}
            attributed.{{ band.staged }},
        {%- endfor %}
        coalesce(attributed.pathways, 0) as pathways,
        months.percentile_convention,
        months.build_fingerprint
    from spine
    inner join months on spine.month = months.month
    left join attributed
        on
            spine.ccg_code = attributed.ccg_code
            and spine.month = attributed.month
            and spine.measure = attributed.measure
            and spine.specialty = attributed.specialty
)

select * from final
