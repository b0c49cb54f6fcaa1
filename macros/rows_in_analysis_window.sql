{#- The rows of a month-grained model whose month is in the analysis window (int_analysis_window):
    the one statement of which months a window figure covers. -#}
{% macro rows_in_analysis_window(model) -%}
    select monthly_rows.*
    from {{ ref(model) }} as monthly_rows
    inner join {{ ref('int_analysis_window') }} as analysis_window
        on monthly_rows.month = analysis_window.month
{%- endmacro %}
