{#- The week bands (rtt_week_bands) in week order, for percentile and threshold arithmetic: the
    old layout's open band (more than 52 weeks) sits after the band ending at 52; it is 0 in newer
    months, as are the bands beyond 52 in older ones. -#}
{% macro rtt_ordered_bands() %}
    {%- set bands = rtt_week_bands() -%}
    {%- set closed = bands | selectattr('upper_week') | list -%}
    {%- set open_104 = bands | selectattr('staged', 'equalto', 'band_104_plus') | first -%}
    {%- set open_52 = bands | selectattr('staged', 'equalto', 'band_52_plus') | first -%}
    {{ return(closed[:52] + [open_52] + closed[52:] + [open_104]) }}
{% endmacro %}
