{#- Waiting-time measures of every group of `relation`, which holds the group columns, `pathways`
    and the staged week-band columns summed to that grain. The one home of NHS England's
    convention, which reproduces its published figures: of the pathways with a known clock start
    (the band total), find the band holding the p-th share and interpolate linearly within it.
    A percentile in an open band is null, with `<name>_open_band` true.
    The convention comes with the input, in its column `percentile_convention` (int_months_loaded
    gives each month its source's): 'nhs_england', the current rule (rank p × pathways),
    reproduces the national time series from the extracts; 'nhs_england_2015' puts the median half
    a pathway later, at (pathways + 1) / 2, and reproduces the 2014-15 commissioner workbooks. The
    output says which was used. -#}
{% macro rtt_waits_from_bands(relation, group_by) %}
    {#- Counts are bigint on every engine (DuckDB's sum of bigints would be a 128-bit integer). -#}
    {%- set percentiles = {'median': 0.5, 'p92': 0.92, 'p95': 0.95} -%}
    {#- The convention is a column of every group: it is the same for a whole month. -#}
    {%- set keys = group_by if 'percentile_convention' in group_by else group_by + ['percentile_convention'] -%}
    {%- set groups = keys | join(', ') -%}
    with keyed as (
        select
            {{ relation }}.*,
            {{ row_key() }} as row_key
        from {{ relation }}
    ),

    bands_long as (
        {{ week_bands_long('keyed', keys + ['row_key']) }}
    ),

    {#- An empty band holds no percentile and adds nothing to a sum: half the bands at the CCG
        grain, dropped before the windows (a row's first band stays, so every row has an output
        row). The windows are partitioned by the one-column row key, not the row's keys. -#}
    cumulated as (
        select
            *,
            sum(band_pathways) over (
                partition by row_key order by band_index rows unbounded preceding
            ) as cumulative_pathways,
            sum(band_pathways) over (partition by row_key) as known_start_pathways
        from bands_long
        where band_pathways > 0 or band_index = 1
    )

    select
        {{ groups }},
        cast(any_value(pathways) as bigint) as pathways,
        cast(any_value(known_start_pathways) as bigint) as known_start_pathways,
    {%- for name, share in percentiles.items() %}
        {%- set later = " + case when percentile_convention = 'nhs_england_2015' then 0.5 else 0 end" %}
        {%- set share = 'cast(' ~ share ~ ' as double)' %}
        {%- set rank = '(' ~ share ~ ' * known_start_pathways' ~ (later if name == 'median' else '') ~ ')' %}
        {%- set in_band = 'cumulative_pathways >= ' ~ rank ~ ' and band_pathways > 0' %}
            {{ min_by_keeping_nulls(
                'lower_week + (' ~ rank ~ ' - (cumulative_pathways - band_pathways)) / band_pathways * band_width',
                'band_index') }} filter (where {{ in_band }}) as {{ name }}_weeks,
            coalesce(min_by(band_width is null, band_index) filter (where {{ in_band }}), false)
                as {{ name }}_open_band,
    {%- endfor %}
        cast(coalesce(sum(band_pathways) filter (where band_width is not null and lower_week < 18), 0) as bigint)
            as within_18_weeks,
        cast(coalesce(sum(band_pathways) filter (where lower_week >= 52), 0) as bigint) as over_52_weeks,
    {%- for weeks in [65, 78, 104] %}
            -- unknown where the old layout puts everyone past 52 weeks in one band
            case
                when coalesce(sum(band_pathways) filter (where lower_week = 52 and band_width is null), 0) = 0
                    then cast(coalesce(sum(band_pathways) filter (where lower_week >= {{ weeks }}), 0) as bigint)
            end as over_{{ weeks }}_weeks,
    {%- endfor %}
        coalesce(sum(band_pathways) filter (where band_width is not null and lower_week < 18), 0)
        / nullif(any_value(known_start_pathways), 0) as pct_within_18_weeks
    from cumulated
    group by row_key, {{ groups }}
{% endmacro %}

{#- The waiting-time columns every waiting-time mart publishes, from `waits` (the output of
    rtt_waits_from_bands) and the population they live in, each followed by a comma. -#}
{#- NHS England publishes no percentile for fewer pathways with a known clock start than this. -#}
{% macro fewest_pathways_nhs_england_publishes() %}50{% endmacro %}

{% macro rtt_waiting_time_columns(waits, population) -%}
    {{ waits }}.known_start_pathways,
    {{ waits }}.median_weeks,
    coalesce({{ waits }}.median_open_band, false) as median_open_band,
    {{ waits }}.p92_weeks,
    coalesce({{ waits }}.p92_open_band, false) as p92_open_band,
    {{ waits }}.p95_weeks,
    coalesce({{ waits }}.p95_open_band, false) as p95_open_band,
    {{ waits }}.percentile_convention,
    {{ waits }}.known_start_pathways < {{ fewest_pathways_nhs_england_publishes() }} as under_50_pathways,
    {{ waits }}.pct_within_18_weeks,
    {{ waits }}.within_18_weeks,
    {{ waits }}.over_52_weeks,
    {{ per_1000(waits ~ '.over_52_weeks', population) }} as over_52_weeks_per_1000,
    {{ waits }}.over_65_weeks,
    {{ waits }}.over_78_weeks,
    {{ waits }}.over_104_weeks,
{%- endmacro %}
