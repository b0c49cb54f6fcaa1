{#- Waiting-time measures of every group of `relation`, which holds the group columns, `pathways`
    and the staged week-band columns summed to that grain. The one home of NHS England's
    convention, which reproduces its published figures: of the pathways with a known clock start
    (the band total), find the band holding the p-th share and interpolate linearly within it.
    A percentile in an open band is null, with `<name>_open_band` true. -#}
{% macro rtt_waits_from_bands(relation, group_by) %}
    {%- set percentiles = {'median': 0.5, 'p92': 0.92, 'p95': 0.95} -%}
    {%- set groups = group_by | join(', ') -%}
    with bands_long as (
        select
            {{ groups }},
            pathways,
            unnest({{ rtt_band_counts_list() }}) as band_pathways,
            unnest({{ rtt_band_lower_weeks_list() }}) as lower_week,
            unnest({{ rtt_band_widths_list() }}) as band_width,
            unnest(range(1, {{ rtt_ordered_bands() | length }} + 1)) as band_index
        from {{ relation }}
    ),

    cumulated as (
        select
            *,
            sum(band_pathways) over (
                partition by {{ groups }} order by band_index rows unbounded preceding
            ) as cumulative_pathways,
            sum(band_pathways) over (partition by {{ groups }}) as known_start_pathways
        from bands_long
    )

    select
        {{ groups }},
        any_value(pathways) as pathways,
        any_value(known_start_pathways) as known_start_pathways,
    {%- for name, share in percentiles.items() %}
        {%- set in_band = 'cumulative_pathways >= ' ~ share ~ ' * known_start_pathways and band_pathways > 0' %}
            arg_min_null(
                lower_week + ({{ share }} * known_start_pathways - (cumulative_pathways - band_pathways))
                / band_pathways * band_width,
                band_index
            ) filter (where {{ in_band }}) as {{ name }}_weeks,
            coalesce(arg_min(band_width is null, band_index) filter (where {{ in_band }}), false)
                as {{ name }}_open_band,
    {%- endfor %}
        sum(band_pathways) filter (where band_width is not null and lower_week < 18) as within_18_weeks,
        sum(band_pathways) filter (where lower_week >= 52) as over_52_weeks,
    {%- for weeks in [65, 78, 104] %}
            -- unknown where the old layout puts everyone past 52 weeks in one band
            case
                when sum(band_pathways) filter (where lower_week = 52 and band_width is null) = 0
                    then sum(band_pathways) filter (where lower_week >= {{ weeks }})
            end as over_{{ weeks }}_weeks,
    {%- endfor %}
        sum(band_pathways) filter (where band_width is not null and lower_week < 18)
        / nullif(any_value(known_start_pathways), 0) as pct_within_18_weeks
    from cumulated
    group by {{ groups }}
{% endmacro %}
