-- One row per loaded month × CCG of April 2021: the denominator of every rate, from the source
-- chosen by var `population_source` (the one place that choice is applied): `ons`
-- (int_ons_populations_by_ccg_month) or `gp_registered` (int_gp_registered_populations_by_ccg_month;
-- macro chosen_population_source stops the build, naming the files, when none were landed).
-- The vintage is carried so a reader sees how stale the denominator is.
{%- set population_source = chosen_population_source() %}
{%- set sources = {'ons': 'int_ons_populations_by_ccg_month',
                   'gp_registered': 'int_gp_registered_populations_by_ccg_month'} %}

with

chosen as (
    {#- at parse time an unknown choice falls back; chosen_population_source refuses it at run time -#}
    select * from {{ ref(sources.get(population_source, sources['ons'])) }}
),

final as (
    select
        '{{ population_source }}' as population_source,
        month,
        ccg_code,
        population,
        vintage_date as population_vintage,
        vintage_label as population_vintage_label,
        -- calendar months from the vintage's month to this one
        (year(month) - year(vintage_date)) * 12 + month(month) - month(vintage_date) as population_vintage_age_months
    from chosen
)

select * from final
