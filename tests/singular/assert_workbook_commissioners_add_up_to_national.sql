-- Control totals of the 2014-15 workbooks: for every month × treatment function, the commissioner
-- rows (CCGs and NHS England) sum to the National sheet in every week band and every total; and
-- each commissioner's AP999 row is the sum of its treatment functions.
{%- set counts = rtt_workbook_bands() | map(attribute='staged') | list
    + ['unknown_clock_start', 'total_with_known_clock_start', 'pathways', 'within_18_weeks_published'] %}

with

commissioner_rows as (
    select * from {{ ref('stg_nhs_england__rtt_commissioner_admitted_pathways') }}
),

national_rows as (
    select * from {{ ref('stg_nhs_england__rtt_national_admitted_pathways') }}
),

summed_to_england as (
    select
        month,
        published_treatment_function_code,
        {%- for column in counts %}
            sum({{ column }}) as {{ column }},
        {%- endfor %}
        count(*) as commissioners
    from commissioner_rows
    group by
        month,
        published_treatment_function_code
),

summed_over_functions as (
    select
        month,
        commissioner_code,
        {%- for column in counts %}
            sum({{ column }}) filter (where published_treatment_function_code <> 'AP999')
            - sum({{ column }}) filter (where published_treatment_function_code = 'AP999') as {{ column }},
        {%- endfor %}
        count(*) as treatment_functions
    from commissioner_rows
    group by
        month,
        commissioner_code
)

select
    coalesce(national_rows.month, summed_to_england.month) as month,
    coalesce(national_rows.published_treatment_function_code, summed_to_england.published_treatment_function_code)
        as published_treatment_function_code,
    'commissioners do not sum to the National sheet' as problem
from national_rows
full outer join summed_to_england
    on
        national_rows.month = summed_to_england.month
        and national_rows.published_treatment_function_code = summed_to_england.published_treatment_function_code
where
    {%- for column in counts %}
        {{ 'or ' if not loop.first }}national_rows.{{ column }} is distinct from summed_to_england.{{ column }}
    {%- endfor %}
union all
select
    month,
    commissioner_code,
    'AP999 is not the sum of the treatment functions' as problem
from summed_over_functions
where
    {%- for column in counts %}
        {{ 'or ' if not loop.first }}{{ column }} <> 0
    {%- endfor %}
