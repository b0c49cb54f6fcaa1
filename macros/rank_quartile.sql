{#- Which quarter of the league a rank falls in, by its position (rank − 1) / (rank_of − 1) from 0
    (first) to 1 (last): `top` up to 0.25, `bottom` from 0.75, `middle` between; so the top and
    bottom quarters hold as many places (27 of 106). -#}
{% macro rank_quartile(rank, rank_of) -%}
    case
        when {{ rank }} is null or {{ rank_of }} is null then null
        when {{ rank_of }} = 1 or ({{ rank }} - 1) <= 0.25 * ({{ rank_of }} - 1) then 'top'
        when ({{ rank }} - 1) >= 0.75 * ({{ rank_of }} - 1) then 'bottom'
        else 'middle'
    end
{%- endmacro %}
