-- One row per CCG of April 2021 × month × measure × specialty with an absent provider: the
-- pathways those providers usually report for the CCG (their mean over the months they submitted
-- before), as an estimate of what the month's figure lacks. Looking back only, a month's estimate
-- stays as it was when later months arrive, so the model is incremental by month on the history
-- fingerprint: a new month builds itself alone, a revised month rebuilds the months after it.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build('history_fingerprint') }}
),

submissions as (
    select * from {{ ref('int_provider_submissions') }}
),

absences as (
    select * from {{ ref('int_provider_absences') }}
    where month in (select months.month from months)
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
),

-- A provider's usual activity depends only on the months it submitted before the absence, which
-- are the same for every month of one spell of absence: each spell is summed once, keyed by the
-- last month the provider submitted.
absences_in_spells as (
    select
        absences.provider_code,
        absences.month,
        max(submissions.month) as last_submitted_month
    from absences
    inner join submissions
        on
            absences.provider_code = submissions.provider_code
            and absences.month > submissions.month
    group by
        absences.provider_code,
        absences.month
),

spells as (
    select distinct
        provider_code,
        last_submitted_month
    from absences_in_spells
),

spells_with_history as (
    select
        spells.provider_code,
        spells.last_submitted_month,
        count(*) as months_submitted
    from spells
    inner join submissions
        on
            spells.provider_code = submissions.provider_code
            and spells.last_submitted_month >= submissions.month
    group by
        spells.provider_code,
        spells.last_submitted_month
),

-- Only the absent providers' rows: a small share of the provider grain.
activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
    where provider_code in (select spells.provider_code from spells)
),

usual_by_ccg as (
    select
        spells_with_history.provider_code,
        spells_with_history.last_submitted_month,
        commissioners.ccg_code,
        activity.measure,
        activity.specialty,
        sum(activity.pathways) / any_value(spells_with_history.months_submitted) as usual_monthly_pathways
    from spells_with_history
    inner join activity
        on
            spells_with_history.provider_code = activity.provider_code
            and spells_with_history.last_submitted_month >= activity.month
    inner join commissioners on activity.commissioner_code = commissioners.commissioner_code
    where commissioners.attribution = 'attributed'
    group by
        spells_with_history.provider_code,
        spells_with_history.last_submitted_month,
        commissioners.ccg_code,
        activity.measure,
        activity.specialty
),

final as (
    select
        usual_by_ccg.ccg_code,
        absences_in_spells.month,
        usual_by_ccg.measure,
        usual_by_ccg.specialty,
        sum(usual_by_ccg.usual_monthly_pathways) as absent_provider_pathways,
        {{ ordered_string_agg(
            'usual_by_ccg.provider_code', "', '",
            order_by='usual_by_ccg.usual_monthly_pathways desc, usual_by_ccg.provider_code asc'
        ) }} as absent_provider_codes,
        any_value(months.build_fingerprint) as build_fingerprint,
        {{ run_started_timestamp() }} as built_at
    from absences_in_spells
    inner join usual_by_ccg
        on
            absences_in_spells.provider_code = usual_by_ccg.provider_code
            and absences_in_spells.last_submitted_month = usual_by_ccg.last_submitted_month
    inner join months on absences_in_spells.month = months.month
    where usual_by_ccg.usual_monthly_pathways > 0
    group by
        usual_by_ccg.ccg_code,
        absences_in_spells.month,
        usual_by_ccg.measure,
        usual_by_ccg.specialty
)

select * from final
