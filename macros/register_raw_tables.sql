{#- Run before every dbt command (on-run-start). On DuckDB the raw tables are in the warehouse
    itself: nothing to do. On Spark each source table of schema `raw` becomes a view over the
    Parquet folder `python -m ingest.export_raw` wrote for it, under RTT_RAW_PARQUET_DIR (a local
    folder, or cloud storage on Databricks), so the models read `raw.<table>` on both engines. -#}
{% macro register_raw_tables() %}
    {{- return(adapter.dispatch('register_raw_tables')()) -}}
{% endmacro %}

{% macro default__register_raw_tables() %}
{% endmacro %}

{% macro spark__register_raw_tables() %}
    {%- if execute -%}
        {%- set folder = env_var('RTT_RAW_PARQUET_DIR', 'build/raw-parquet') -%}
        {%- do run_query('create database if not exists raw') -%}
        {%- for source in graph.sources.values() if source.schema == 'raw' -%}
            {%- do run_query('create or replace view raw.' ~ source.identifier
                ~ ' as select * from parquet.`' ~ folder ~ '/' ~ source.identifier ~ '`') -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
