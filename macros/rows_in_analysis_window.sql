{#- The rows of a month-grained relation whose month is in the analysis window (int_analysis_window):
    the one statement of which months a window figure covers. Pass the relation itself,
    `rows_in_analysis_window(ref('int_ccg_monthly_activity'))`, so the dependency shows in the model. -#}
{% macro rows_in_analysis_window(relation) -%}
    select monthly_rows.*
    from {{ relation }} as monthly_rows
    inner join {{ ref('int_analysis_window') }} as analysis_window
        on monthly_rows.month = analysis_window.month
{%- endmacro %}
