{#- Where a rate sits against a pair of funnels, named `<limits>_lower_95`, `<limits>_upper_95`,
    `<limits>_lower_998` and `<limits>_upper_998`: the one wording of the position, for every
    funnel (Poisson or over-dispersed, crude or need-adjusted). -#}
{% macro funnel_position(rate, limits) -%}
    case
        when {{ rate }} > {{ limits }}_upper_998 then 'above_99_8'
        when {{ rate }} > {{ limits }}_upper_95 then 'above_95'
        when {{ rate }} < {{ limits }}_lower_998 then 'below_99_8'
        when {{ rate }} < {{ limits }}_lower_95 then 'below_95'
        else 'within'
    end
{%- endmacro %}
