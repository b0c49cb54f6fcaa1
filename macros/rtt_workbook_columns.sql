{#- The counts and published figures of a workbook row (either sheet), renamed as staged. -#}
{% macro rtt_workbook_counts() %}
    {%- for band in rtt_workbook_bands() %}
        {{ band.raw | replace('_sum_1', '') }} as {{ band.staged }},
    {%- endfor %}
        patients_with_unknown_clock_start_date as unknown_clock_start,
        total_completed_pathways_known_clock_start as total_with_known_clock_start,
        total_completed_pathways_all as pathways,
        total_known_clock_start_within_18_weeks as within_18_weeks_published,
        pct_within_18_weeks as pct_within_18_weeks_published,
        median_waiting_time_weeks as median_weeks_published,
        p95_waiting_time_weeks as p95_weeks_published,
{%- endmacro %}

{#- The workbooks' own treatment function codes (`AP100` … `AP999`, `APX01` for "Other") in the
    extracts' form (`C_100` … `C_999`, `X01`), so the specialty seed serves both. -#}
{% macro rtt_workbook_treatment_function(code) -%}
    case when {{ code }} = 'APX01' then 'X01' else regexp_replace({{ code }}, '^AP', 'C_') end
{%- endmacro %}

{#- Every staged band column of the extracts, from a workbook row: its own bands, null for the
    bands it does not have (53 to 104 weeks), each followed by a comma. -#}
{% macro rtt_workbook_bands_as_extract_bands(relation) %}
    {%- set workbook_bands = rtt_workbook_bands() | map(attribute='staged') | list -%}
    {%- for band in rtt_week_bands() %}
        {{ relation ~ '.' ~ band.staged if band.staged in workbook_bands else 'cast(null as bigint)' }}
        as {{ band.staged }},
    {%- endfor %}
{%- endmacro %}
