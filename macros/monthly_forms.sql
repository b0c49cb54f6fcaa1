{#- The per-month form of window rates: each column ÷ the window's months, as `monthly_<column>`.
    For a flow it is the mean month's rate; for a stock (the waiting list, whose window figure sums
    month-end lists) it is the mean month-end list per 1,000, the form to show. Ranks, flags and
    positions are the same on either scale. `counted_as` says which a measure is. -#}
{% macro monthly_forms(columns, months='months', relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    {%- for column in columns %}
        {{ prefix }}{{ column }} / {{ prefix }}{{ months }} as monthly_{{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
