{#- The standard normal's two-sided critical values, the one home of the numbers every limit
    uses: z('95') = 1.959964 (95%), z('998') = 3.090232 (99.8%, the outer funnel). -#}
{% macro z(level) -%}
    {{ {'95': 1.959964, '998': 3.090232}[level] }}
{%- endmacro %}
