-- One row per month × commissioner × treatment function of the "Admitted - Commissioner" workbooks:
-- NHS England's published median and 95th percentile beside ours, computed from the same row's
-- week bands, and what explains any difference. The oracle for the percentile convention.
{%- set grain = ['month', 'commissioner_code', 'published_treatment_function_code'] %}
{%- set tolerance_weeks = 0.01 %}
{%- set fewest_pathways_published = fewest_pathways_nhs_england_publishes() %}

with

workbook_rows as (
    select * from {{ ref('stg_nhs_england__rtt_commissioner_admitted_pathways') }}
),

commissioners as (
    select * from {{ ref('int_commissioners_mapped') }}
),

-- The week bands of each row as the extracts carry them.
workbook_bands as (
    select
        {%- for column in grain %}
            workbook_rows.{{ column }},
        {%- endfor %}
        {{- rtt_workbook_bands_as_extract_bands('workbook_rows') }}
        workbook_rows.pathways
    from workbook_rows
),

-- The workbooks' own convention, which the published figures must match (macro
-- rtt_waits_from_bands), and today's, shown beside it for comparison.
bands_2015_convention as (
    select
        *,
        'nhs_england_2015' as percentile_convention
    from workbook_bands
),

bands_current_convention as (
    select
        *,
        'nhs_england' as percentile_convention
    from workbook_bands
),

waits_2015_convention as (
    {{ rtt_waits_from_bands('bands_2015_convention', grain) }}
),

waits_current_convention as (
    {{ rtt_waits_from_bands('bands_current_convention', grain) }}
),

compared as (
    select
        workbook_rows.month,
        workbook_rows.commissioner_code,
        workbook_rows.commissioner_name,
        commissioners.ccg_code,
        workbook_rows.published_treatment_function_code,
        workbook_rows.treatment_function_name,
        waits_2015_convention.known_start_pathways,
        workbook_rows.median_weeks_published,
        waits_2015_convention.median_weeks,
        waits_current_convention.median_weeks as median_weeks_current_convention,
        waits_2015_convention.median_open_band,
        workbook_rows.p95_weeks_published,
        waits_2015_convention.p95_weeks,
        waits_2015_convention.p95_open_band,
        {%- for name in ['median', 'p95'] %}
            case
                when workbook_rows.{{ name }}_weeks_published is null
                    then
                        case
                            when waits_2015_convention.known_start_pathways < {{ fewest_pathways_published }}
                                then 'not_published_fewer_than_{{ fewest_pathways_published }}'
                            else 'not_published_despite_{{ fewest_pathways_published }}_or_more'
                        end
                when abs(workbook_rows.{{ name }}_weeks_published - waits_2015_convention.{{ name }}_weeks)
                    < {{ tolerance_weeks }}
                    then 'matches'
                when waits_2015_convention.{{ name }}_open_band then 'published_in_open_band'
                when waits_2015_convention.known_start_pathways < {{ fewest_pathways_published }}
                    then 'published_despite_fewer_than_{{ fewest_pathways_published }}'
                else 'differs'
            end as {{ name }}_outcome,
        {%- endfor %}
        workbook_rows.source_file,
        workbook_rows.source_row
    from workbook_rows
    inner join waits_2015_convention
        on
            workbook_rows.month = waits_2015_convention.month
            and workbook_rows.commissioner_code = waits_2015_convention.commissioner_code
            and workbook_rows.published_treatment_function_code
            = waits_2015_convention.published_treatment_function_code
    inner join waits_current_convention
        on
            workbook_rows.month = waits_current_convention.month
            and workbook_rows.commissioner_code = waits_current_convention.commissioner_code
            and workbook_rows.published_treatment_function_code
            = waits_current_convention.published_treatment_function_code
    left join commissioners on workbook_rows.commissioner_code = commissioners.commissioner_code
),

final as (
    select
        *,
        -- A row is reproduced when each figure matches or, like NHS England, we would publish none.
        case
            when median_outcome not in ('matches', 'not_published_fewer_than_{{ fewest_pathways_published }}')
                then median_outcome
            when p95_outcome not in ('matches', 'not_published_fewer_than_{{ fewest_pathways_published }}')
                then p95_outcome
            else 'matches'
        end as outcome,
        median_weeks_published is not null
        or p95_weeks_published is not null
        or known_start_pathways >= {{ fewest_pathways_published }} as has_published_figures
    from compared
)

select * from final
