-- One row per CCG of April 2021 × month × measure × specialty with an absent provider: the
-- pathways those providers usually report for the CCG (their mean over the months they
-- submitted), as an estimate of what the month's figure lacks.
with

absences as (
    select * from {{ ref('int_provider_absences') }}
),

-- Only the providers absent in some month: a small share of the provider grain's rows, which
-- grow with every month of history.
activity as (
    select * from {{ ref('int_rtt_activity_by_provider_commissioner_month') }}
    where provider_code in (select absences.provider_code from absences)
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
),

provider_months as (
    select
        provider_code,
        count(distinct month) as months_submitted
    from activity
    group by provider_code
),

usual_by_ccg as (
    select
        activity.provider_code,
        commissioners.ccg_code,
        activity.measure,
        activity.specialty,
        sum(activity.pathways) / any_value(provider_months.months_submitted) as usual_monthly_pathways
    from activity
    inner join commissioners on activity.commissioner_code = commissioners.commissioner_code
    inner join provider_months on activity.provider_code = provider_months.provider_code
    where commissioners.attribution = 'attributed'
    group by
        activity.provider_code,
        commissioners.ccg_code,
        activity.measure,
        activity.specialty
),

final as (
    select
        usual_by_ccg.ccg_code,
        absences.month,
        usual_by_ccg.measure,
        usual_by_ccg.specialty,
        sum(usual_by_ccg.usual_monthly_pathways) as absent_provider_pathways,
        {{ ordered_string_agg(
            'usual_by_ccg.provider_code', "', '",
            order_by='usual_by_ccg.usual_monthly_pathways desc, usual_by_ccg.provider_code asc'
        ) }} as absent_provider_codes
    from absences
    inner join usual_by_ccg on absences.provider_code = usual_by_ccg.provider_code
    where usual_by_ccg.usual_monthly_pathways > 0
    group by
        usual_by_ccg.ccg_code,
        absences.month,
        usual_by_ccg.measure,
        usual_by_ccg.specialty
)

select * from final
