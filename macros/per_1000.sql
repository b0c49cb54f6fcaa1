{#- The one definition of a rate per 1,000 residents; null where there is no population. -#}
{% macro per_1000(pathways, population) -%}
    1000.0 * {{ pathways }} / nullif({{ population }}, 0)
{%- endmacro %}
