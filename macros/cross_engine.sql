{#-
  Where DuckDB and Apache Spark SQL truly differ, one small macro each. adapter.dispatch picks
  the `duckdb__` or `spark__` version (dbt-databricks builds on dbt-spark, so the `spark__`
  versions serve Databricks too). Everything else in the models is SQL both engines read the same
  way: `power()` rather than `^` (bitwise XOR on Spark), `string` rather than `varchar`, dbt's
  `datediff`, explicit column lists. `make test-spark` proves both give the same marts.
-#}

{#- The value from the row with the least `ordering`, even when that value is null. DuckDB's
    arg_min skips null values (arg_min_null does not); Spark's min_by never skips them. -#}
{% macro min_by_keeping_nulls(value, ordering) -%}
    {{ return(adapter.dispatch('min_by_keeping_nulls')(value, ordering)) }}
{%- endmacro %}

{% macro duckdb__min_by_keeping_nulls(value, ordering) -%}
    arg_min_null({{ value }}, {{ ordering }})
{%- endmacro %}

{% macro spark__min_by_keeping_nulls(value, ordering) -%}
    min_by({{ value }}, {{ ordering }})
{%- endmacro %}

{#- The value from the row first (min) or last (max) by several columns in turn, so ties on the
    first are broken by the next: a struct compares field by field on both engines, but each
    writes one its own way. -#}
{% macro min_by_columns(value, columns) -%}
    min_by({{ value }}, {{ adapter.dispatch('struct_of')(columns) }})
{%- endmacro %}

{% macro max_by_columns(value, columns) -%}
    max_by({{ value }}, {{ adapter.dispatch('struct_of')(columns) }})
{%- endmacro %}

{% macro duckdb__struct_of(columns) -%}
    { {%- for column in columns %}'{{ column }}': {{ column }}{{ ', ' if not loop.last }}{% endfor -%} }
{%- endmacro %}

{% macro spark__struct_of(columns) -%}
    struct({{ columns | join(', ') }})
{%- endmacro %}

{#- A continuous percentile (linear interpolation between ranks) over a named window. -#}
{% macro percentile_cont_over(expression, fraction, window) -%}
    {{ return(adapter.dispatch('percentile_cont_over')(expression, fraction, window)) }}
{%- endmacro %}

{% macro duckdb__percentile_cont_over(expression, fraction, window) -%}
    quantile_cont({{ expression }}, {{ fraction }}) over {{ window }}
{%- endmacro %}

{% macro spark__percentile_cont_over(expression, fraction, window) -%}
    percentile({{ expression }}, {{ fraction }}) over {{ window }}
{%- endmacro %}

{#- True where `expression` matches the regular expression `pattern` (anywhere, unless anchored). -#}
{% macro matches_regex(expression, pattern) -%}
    {{ return(adapter.dispatch('matches_regex')(expression, pattern)) }}
{%- endmacro %}

{% macro duckdb__matches_regex(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__matches_regex(expression, pattern) -%}
    {{ expression }} rlike '{{ pattern }}'
{%- endmacro %}

{#- Strings joined in a stated order (dbt's listagg ignores its order on Spark). With
    `distinct`, each value once, in its own order. -#}
{% macro ordered_string_agg(expression, separator, order_by=none, distinct=false) -%}
    {{ return(adapter.dispatch('ordered_string_agg')(expression, separator, order_by or expression, distinct)) }}
{%- endmacro %}

{% macro duckdb__ordered_string_agg(expression, separator, order_by, distinct) -%}
    string_agg({{ 'distinct ' if distinct }}{{ expression }}, {{ separator }} order by {{ order_by }})
{%- endmacro %}

{% macro spark__ordered_string_agg(expression, separator, order_by, distinct) -%}
    {%- if distinct -%}
        array_join(array_sort(collect_set({{ expression }})), {{ separator }})
    {%- else -%}
        listagg({{ expression }}, {{ separator }}) within group (order by {{ order_by }})
    {%- endif -%}
{%- endmacro %}

{#- A number unique to each row of a query, to partition by one narrow column rather than the
    row's keys. -#}
{% macro row_key() -%}
    {{ return(adapter.dispatch('row_key')()) }}
{%- endmacro %}

{% macro duckdb__row_key() -%}
    row_number() over ()
{%- endmacro %}

{#- Unique, not consecutive, and computed in parallel (row_number() over () would gather every row
    into one partition). -#}
{% macro spark__row_key() -%}
    monotonically_increasing_id()
{%- endmacro %}

{#- One row per week band of each row of `relation` (in week order): its `keys`, `pathways`, and
    the band's count, lower week, width (null for an open band) and index. DuckDB unnests lists
    side by side; Spark zips arrays and explodes them. -#}
{% macro week_bands_long(relation, keys) -%}
    {{ return(adapter.dispatch('week_bands_long')(relation, keys)) }}
{%- endmacro %}

{% macro duckdb__week_bands_long(relation, keys) -%}
    select
        {{ relation }}.{{ keys | join(', ' ~ relation ~ '.') }},
        pathways,
        unnest([{{ rtt_band_counts() }}]) as band_pathways,
        unnest([{{ rtt_band_lower_weeks() }}]) as lower_week,
        unnest([{{ rtt_band_widths() }}]) as band_width,
        unnest(range(1, {{ rtt_ordered_bands() | length }} + 1)) as band_index
    from {{ relation }}
{%- endmacro %}

{% macro spark__week_bands_long(relation, keys) -%}
    select
        {{ relation }}.{{ keys | join(', ' ~ relation ~ '.') }},
        pathways,
        inline(arrays_zip(
            array({{ rtt_band_counts() }}),
            array({{ rtt_band_lower_weeks() }}),
            array({{ rtt_band_widths() }}),
            sequence(1, {{ rtt_ordered_bands() | length }})
        )) as (band_pathways, lower_week, band_width, band_index)
    from {{ relation }}
{%- endmacro %}

{#- A month as the pages show it, 'Sep 2024': English month abbreviations on both engines (a
    browser's own names vary with its locale data, e.g. 'Sept'). -#}
{% macro month_label(month) -%}
    {{ return(adapter.dispatch('month_label')(month)) }}
{%- endmacro %}

{% macro duckdb__month_label(month) -%}
    strftime({{ month }}, '%b %Y')
{%- endmacro %}

{% macro spark__month_label(month) -%}
    date_format({{ month }}, 'MMM yyyy')
{%- endmacro %}

{#- One row per day from `first_day` up to, not including, `end_day` (dates as SQL literals), in
    column `date_day`: the semantic layer's time spine. -#}
{% macro days_between(first_day, end_day) -%}
    {{ return(adapter.dispatch('days_between')(first_day, end_day)) }}
{%- endmacro %}

{% macro duckdb__days_between(first_day, end_day) -%}
    select cast(range as date) as date_day
    from range(cast({{ first_day }} as date), cast({{ end_day }} as date), interval 1 day)
{%- endmacro %}

{% macro spark__days_between(first_day, end_day) -%}
    select explode(sequence(cast({{ first_day }} as date), date_sub(cast({{ end_day }} as date), 1))) as date_day
{%- endmacro %}

{#- A 64-bit hash of `columns` (a list of names): grouping by it is far cheaper than by the columns
    themselves (unique_combination). -#}
{% macro hash_of(columns) -%}
    {{ return(adapter.dispatch('hash_of')(columns)) }}
{%- endmacro %}

{% macro duckdb__hash_of(columns) -%}
    hash({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__hash_of(columns) -%}
    xxhash64({{ columns | join(', ') }})
{%- endmacro %}
