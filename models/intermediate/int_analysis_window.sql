-- One row per month of the analysis window of the league table and ICS variation marts.
-- Vars window_start / window_end ('YYYY-MM'); unset, the window is the 12 most recent loaded months
-- (up to window_end when only that is set). Only loaded months can be in the window.
{%- set window_start = var('window_start') %}
{%- set window_end = var('window_end') %}

with

months_loaded as (
    select month from {{ ref('int_months_loaded') }}
),

up_to_end as (
    select month
    from months_loaded
    {%- if window_end %}
        where month <= cast('{{ window_end }}-01' as date)
    {%- endif %}
),

final as (
    select month
    from up_to_end
    {%- if window_start %}
        where month >= cast('{{ window_start }}-01' as date)
    {%- else %}
        qualify dense_rank() over (order by month desc) <= 12
    {%- endif %}
)

select * from final
