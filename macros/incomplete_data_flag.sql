{#- True where providers that usually treat the CCG's patients sent no data for at least the share
    of its expected activity that var absent_provider_flag_share sets: the one home of that rule,
    for a month (int_ccg_monthly_activity) and for the window (int_ccg_league_by_basis). -#}
{% macro incomplete_data_flag(absent_provider_share) -%}
    coalesce({{ absent_provider_share }}, 0) >= {{ var('absent_provider_flag_share') }}
{%- endmacro %}
