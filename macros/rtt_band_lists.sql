{#- The week bands of a row as comma-separated values, in week order (macro week_bands_long
    makes them lists or arrays), for percentile and threshold arithmetic: counts (null as 0), each
    band's lower week, and its width (null for an open band), in rtt_ordered_bands' order. -#}
{% macro rtt_band_counts() -%}
    {%- for band in rtt_ordered_bands() %}coalesce({{ band.staged }}, 0){{ ', ' if not loop.last }}{% endfor -%}
{%- endmacro %}

{#- Every staged band column summed, each followed by a comma: for aggregating bands to a grain. -#}
{% macro rtt_band_sums(relation) -%}
    {%- for band in rtt_week_bands() %}
        sum({{ relation }}.{{ band.staged }}) as {{ band.staged }},
    {%- endfor %}
{%- endmacro %}

{% macro rtt_band_lower_weeks() -%}
    {%- for band in rtt_ordered_bands() %}{{ band.lower_week }}{{ ', ' if not loop.last }}{% endfor -%}
{%- endmacro %}

{% macro rtt_band_widths() -%}
    {%- for band in rtt_ordered_bands() -%}
        {{ 'null' if band.upper_week is none else band.upper_week - band.lower_week }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- The week bands the "Admitted - Commissioner" workbooks publish: weekly to 52 weeks, then an
    open band `52 plus`, as in the extract's old layout (staged band_00_01 … band_51_52, band_52_plus). -#}
{% macro rtt_workbook_bands() %}
    {%- set bands = [] -%}
    {%- for band in rtt_week_bands() if band.lower_week <= 52 and (band.upper_week or 52) <= 52 -%}
        {%- do bands.append(band) -%}
    {%- endfor -%}
    {{ return(bands) }}
{% endmacro %}
