{#- The columns both sheets of a workbook share, renamed as staged: treatment function, counts,
    NHS England's published figures and lineage, each followed by a comma (the rule of every
    macro that writes select items: the model writes its last column itself). -#}
{% macro rtt_workbook_columns() -%}
    {%- set renamed = [
        ('treatment_function_code', 'published_treatment_function_code'),
        (rtt_workbook_treatment_function('treatment_function_code'), 'treatment_function_code'),
        ('treatment_function', 'treatment_function_name')] -%}
    {%- for band in rtt_workbook_bands() -%}
        {%- do renamed.append((band.raw | replace('_sum_1', ''), band.staged)) -%}
    {%- endfor -%}
    {%- do renamed.extend([
        ('patients_with_unknown_clock_start_date', 'unknown_clock_start'),
        ('total_completed_pathways_known_clock_start', 'total_with_known_clock_start'),
        ('total_completed_pathways_all', 'pathways'),
        ('total_known_clock_start_within_18_weeks', 'within_18_weeks_published'),
        ('pct_within_18_weeks', 'pct_within_18_weeks_published'),
        ('median_waiting_time_weeks', 'median_weeks_published'),
        ('p95_waiting_time_weeks', 'p95_weeks_published'),
        ('source_file', 'source_file'),
        ('source_sha256', 'source_sha256'),
        ('source_sheet', 'source_sheet'),
        ('source_row', 'source_row')]) -%}
    {%- for expression, name in renamed %}
        {{ expression }}{{ '' if expression == name else ' as ' ~ name }},
    {%- endfor %}
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
