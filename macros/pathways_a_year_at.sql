{#- A need-adjusted rate's worth in pathways a year for a CCG: × its need-weighted population ÷
    1,000, over the window's months scaled to twelve. For a row with need_weighted_population and
    months. -#}
{% macro a_year(per_1000) -%}
    ({{ per_1000 }}) * need_weighted_population / 1000 * 12 / months
{%- endmacro %}

{#- The pathways a year a CCG would add at a higher need-adjusted rate: the rate's excess over its
    own (none when it is already there), a year. `own_rate` is the CCG's need-adjusted rate. -#}
{% macro pathways_a_year_at(target_per_1000, own_rate='need_adjusted_per_1000') -%}
    {{ a_year('greatest(0, ' ~ target_per_1000 ~ ' - ' ~ own_rate ~ ')') }}
{%- endmacro %}
