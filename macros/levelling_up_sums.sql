{#- Levelling-up gaps summed over CCGs (an ICS's members, or England's), from rows of
    ics_levelling_up: the gap, the gaps at the two ends of the target's interval, and the
    standard error from the members' own rates (independent). levelling_up_interval() turns them
    into the sum's 95% interval: the target's range widened by chance in the members' rates. -#}
{% macro levelling_up_sums() -%}
    sum(pathways_a_year_at_england_upper_quartile) as pathways_a_year_at_england_upper_quartile,
    sum(case when counted_as = 'flow' then {{ pathways_a_year_at('england_upper_quartile_lower_95') }} end)
        as pathways_a_year_at_target_lower_end,
    sum(case when counted_as = 'flow' then {{ pathways_a_year_at('england_upper_quartile_upper_95') }} end)
        as pathways_a_year_at_target_upper_end,
    sqrt(sum(power(pathways_a_year_at_england_upper_quartile_se, 2))) as pathways_a_year_at_england_upper_quartile_se
{%- endmacro %}

{% macro levelling_up_interval(relation) -%}
    case
        when {{ relation }}.pathways_a_year_at_target_lower_end is not null
            then greatest(
                0,
                {{ relation }}.pathways_a_year_at_target_lower_end
                - 1.959964 * {{ relation }}.pathways_a_year_at_england_upper_quartile_se
            )
    end as pathways_a_year_at_england_upper_quartile_lower_95,
    {{ relation }}.pathways_a_year_at_target_upper_end
    + 1.959964 * {{ relation }}.pathways_a_year_at_england_upper_quartile_se
        as pathways_a_year_at_england_upper_quartile_upper_95
{%- endmacro %}
