{#- True when our figure and a published one differ: beyond `within` (a tolerance, for waits) or
    at all (counts). A figure missing on either side differs: a null never passes as equal. -#}
{% macro differs(ours, published, within=none) -%}
    {%- if within is none -%}
        not coalesce({{ ours }} = {{ published }}, false)
    {%- else -%}
        not coalesce(abs({{ ours }} - {{ published }}) < {{ within }}, false)
    {%- endif -%}
{%- endmacro %}
