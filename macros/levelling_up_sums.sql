{#- The levelling-up gap's 95% interval, one method for a CCG and for a sum of CCGs (an ICS's
    members, or England's): from the gap at the lower end of the target's interval less 1.96
    standard errors of chance in the CCGs' own rates (independent), at least 0, to the gap at the
    target's upper end plus as much. levelling_up_gaps() gives a CCG's three parts from a row of
    int_ics_levelling_up's members (the waiting list, a stock, has none); levelling_up_sums() adds
    them up from int_ics_levelling_up's rows; levelling_up_interval(relation) turns them into the
    interval (its columns qualified by `relation` where the select joins several). -#}
{% macro levelling_up_gaps() -%}
    case
        when counted_as = 'flow' then {{ pathways_a_year_at('england_upper_quartile_lower_95') }}
    end as gap_at_target_lower_95,
    case
        when counted_as = 'flow' then {{ pathways_a_year_at('england_upper_quartile_upper_95') }}
    end as gap_at_target_upper_95,
    -- none for a CCG surely above the target's upper end
    case
        when counted_as = 'flow' and need_adjusted_per_1000_lower_95 < england_upper_quartile_upper_95
            then {{ a_year('sqrt(variance_at_own_rate)') }}
        when counted_as = 'flow' then 0
    end as pathways_a_year_at_england_upper_quartile_se
{%- endmacro %}

{% macro levelling_up_sums() -%}
    sum(pathways_a_year_at_england_upper_quartile) as pathways_a_year_at_england_upper_quartile,
    sum(case when counted_as = 'flow' then {{ pathways_a_year_at('england_upper_quartile_lower_95') }} end)
        as gap_at_target_lower_95,
    sum(case when counted_as = 'flow' then {{ pathways_a_year_at('england_upper_quartile_upper_95') }} end)
        as gap_at_target_upper_95,
    sqrt(sum(power(pathways_a_year_at_england_upper_quartile_se, 2))) as pathways_a_year_at_england_upper_quartile_se
{%- endmacro %}

{% macro levelling_up_interval(relation=none) -%}
    {%- set prefix = relation ~ '.' if relation else '' -%}
    case
        when {{ prefix }}gap_at_target_lower_95 is not null
            then greatest(
                0,
                {{ prefix }}gap_at_target_lower_95
                - {{ z('95') }} * {{ prefix }}pathways_a_year_at_england_upper_quartile_se
            )
    end as pathways_a_year_at_england_upper_quartile_lower_95,
    {{ prefix }}gap_at_target_upper_95
    + {{ z('95') }} * {{ prefix }}pathways_a_year_at_england_upper_quartile_se
        as pathways_a_year_at_england_upper_quartile_upper_95
{%- endmacro %}
