{#- The kinds of provider int_providers tells apart, in the order the marts give their parts. -#}
{% macro provider_kinds() -%}
    {{ return(['nhs_trust', 'independent_sector', 'other']) }}
{%- endmacro %}
