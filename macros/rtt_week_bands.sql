{#- The week bands of the RTT extract, in order: raw column, staged column, and the weeks it
    spans (upper_week is none for an open band). Both layouts: to 104 weeks since April 2021,
    to 52 weeks before, whose open band `band_52_plus` is null in newer months. -#}
{% macro rtt_week_bands() %}
    {%- set bands = [] -%}
    {%- for week in range(104) -%}
        {%- set lower = '%02d' % week -%}
        {%- set upper = '%02d' % (week + 1) -%}
        {%- do bands.append({
            'raw': 'gt_' ~ lower ~ '_to_' ~ upper ~ '_weeks_sum_1',
            'staged': 'band_' ~ lower ~ '_' ~ upper,
            'lower_week': week, 'upper_week': week + 1}) -%}
    {%- endfor -%}
    {%- for open_from in [104, 52] -%}
        {%- do bands.append({
            'raw': 'gt_' ~ open_from ~ '_weeks_sum_1',
            'staged': 'band_' ~ open_from ~ '_plus',
            'lower_week': open_from, 'upper_week': none}) -%}
    {%- endfor -%}
    {{ return(bands) }}
{% endmacro %}
