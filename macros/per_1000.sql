{#- The one definition of a rate per 1,000 residents; null where there is no population. In
    double precision on every engine (Spark would keep a decimal literal's decimal arithmetic). -#}
{% macro per_1000(pathways, population) -%}
    1000 * cast({{ pathways }} as double) / nullif({{ population }}, 0)
{%- endmacro %}
