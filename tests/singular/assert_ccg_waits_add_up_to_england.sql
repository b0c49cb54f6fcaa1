-- Control totals: waiters within 18 and over 52 weeks in the CCG mart, plus those of non-geographic
-- and unmatched commissioners, equal England's (NONC aside, as NHS England leaves it out) for every
-- month × measure × specialty. Both sides are counted from the raw tables' own week bands, so a
-- pathway lost or doubled anywhere between raw and marts.ccg_waiting_times fails here.
{%- set bands = rtt_week_bands() %}
{%- set within_18 = bands | selectattr('upper_week') | selectattr('upper_week', 'le', 18) | list %}
{%- set over_52 = bands | selectattr('lower_week', 'ge', 52) | list %}

with

raw_rows as (
    select
        period_date as month,
        commissioner_org_code as commissioner_code,
        rtt_part_type,
        treatment_function_code,
        (
            {%- for band in within_18 %}
                coalesce({{ band.raw }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as within_18_weeks,
        (
            {%- for band in over_52 %}
                coalesce({{ band.raw }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as over_52_weeks,
        'rtt_full_extract' as data_source
    from {{ source('nhs_england', 'rtt_full_extract') }}
    union all
    select
        period_date as month,
        ccg_code as commissioner_code,
        'Part_1A' as rtt_part_type,
        {{ rtt_workbook_treatment_function('treatment_function_code') }} as treatment_function_code,
        (
            {%- for band in within_18 %}
                coalesce({{ band.raw | replace('_sum_1', '') }}, 0){{ ' +' if not loop.last }}
            {%- endfor %}
        ) as within_18_weeks,
        coalesce(gt_52_weeks, 0) as over_52_weeks,
        'admitted_commissioner_workbook' as data_source
    from {{ source('nhs_england', 'rtt_admitted_commissioner_workbook') }}
),

raw_by_measure as (
    select
        raw_rows.month,
        raw_rows.commissioner_code,
        measures.measure,
        specialties.specialty,
        sum(raw_rows.within_18_weeks) as within_18_weeks,
        sum(raw_rows.over_52_weeks) as over_52_weeks
    from raw_rows
    inner join {{ ref('int_months_loaded') }} as months_loaded
        on raw_rows.month = months_loaded.month and raw_rows.data_source = months_loaded.data_source
    inner join {{ ref('rtt_measures') }} as measures on raw_rows.rtt_part_type = measures.rtt_part_type
    inner join {{ ref('rtt_specialties') }} as specialties
        on raw_rows.treatment_function_code = specialties.treatment_function_code
    where
        raw_rows.commissioner_code <> 'NONC'
        and (raw_rows.data_source = 'rtt_full_extract' or measures.measure = 'admitted_completed')
    group by
        raw_rows.month,
        raw_rows.commissioner_code,
        measures.measure,
        specialties.specialty
),

england as (
    select
        month,
        measure,
        specialty,
        sum(within_18_weeks) as within_18_weeks,
        sum(over_52_weeks) as over_52_weeks
    from raw_by_measure
    group by
        month,
        measure,
        specialty
),

not_attributed as (
    select
        raw_by_measure.month,
        raw_by_measure.measure,
        raw_by_measure.specialty,
        sum(raw_by_measure.within_18_weeks) as within_18_weeks,
        sum(raw_by_measure.over_52_weeks) as over_52_weeks
    from raw_by_measure
    inner join {{ ref('int_commissioners_mapped') }} as commissioners
        on raw_by_measure.commissioner_code = commissioners.commissioner_code
    where commissioners.attribution <> 'attributed'
    group by
        raw_by_measure.month,
        raw_by_measure.measure,
        raw_by_measure.specialty
),

ccg_totals as (
    select
        month,
        measure,
        specialty,
        sum(coalesce(within_18_weeks, 0)) as within_18_weeks,
        sum(coalesce(over_52_weeks, 0)) as over_52_weeks
    from {{ ref('ccg_waiting_times') }}
    group by
        month,
        measure,
        specialty
)

select
    england.month,
    england.measure,
    england.specialty,
    england.within_18_weeks as england_within_18,
    ccg_totals.within_18_weeks + coalesce(not_attributed.within_18_weeks, 0) as summed_within_18,
    england.over_52_weeks as england_over_52,
    ccg_totals.over_52_weeks + coalesce(not_attributed.over_52_weeks, 0) as summed_over_52
from england
left join ccg_totals
    on
        england.month = ccg_totals.month
        and england.measure = ccg_totals.measure
        and england.specialty = ccg_totals.specialty
left join not_attributed
    on
        england.month = not_attributed.month
        and england.measure = not_attributed.measure
        and england.specialty = not_attributed.specialty
where
    {{ differs('england.within_18_weeks', 'ccg_totals.within_18_weeks + coalesce(not_attributed.within_18_weeks, 0)') }}
    or {{ differs('england.over_52_weeks', 'ccg_totals.over_52_weeks + coalesce(not_attributed.over_52_weeks, 0)') }}
