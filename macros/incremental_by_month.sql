{#-
  The monthly refresh: a month-grained model rebuilds only the months whose inputs changed.

  Every loaded month has a `build_fingerprint` (int_months_loaded): a hash of its raw content
  (source file hashes and row count), the reference data (seeds and landed reference files), the
  project's code and the vars that change figures. A month-grained model carries the fingerprint
  its rows were built from. On each run its pre-hook deletes the rows whose fingerprint is no
  longer current (a revised month, a month removed from raw, or everything after a code or
  reference change), and the model appends the months whose current fingerprint it does not hold.

  A model whose month draws on earlier months (a missing provider's usual activity) builds
  months_to_build('history_fingerprint'): each month then carries the fingerprint of every month
  up to it, so a revised month rebuilds the months after it too, and a new month only itself.

  Why append after a pre-hook delete rather than dbt's delete+insert keyed on `month`: delete+insert
  removes only the months it inserts again, so a month deleted from raw would stay in the marts.
  Both steps are set-based and cheap on DuckDB; if the insert fails, the next run rebuilds the
  months the delete removed, so the table never keeps stale rows. `dbt build --full-refresh`
  rebuilds every month from scratch.
-#}
{#- A mart with an enforced contract passes on_schema_change='fail' (dbt allows no other choice
    that keeps the contract): a changed mart then stops with dbt's message to run a full refresh. -#}
{% macro incremental_by_month(on_schema_change='sync_all_columns') %}
    {{- adapter.dispatch('incremental_by_month')(on_schema_change) -}}
{% endmacro %}

{% macro default__incremental_by_month(on_schema_change) %}
    {{- config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change=on_schema_change,
        pre_hook="{{ forget_stale_months() }}"
    ) -}}
{% endmacro %}

{#- Spark deletes rows only from Delta Lake tables, which need jars from the network to run
    locally; there the month-grained models are plain tables rebuilt whole. (On Databricks, where
    tables are Delta, the default strategy would carry over.) -#}
{% macro spark__incremental_by_month(on_schema_change) %}
    {{- config(materialized='table') -}}
{% endmacro %}

{#- The loaded months this run must (re)build, with their fingerprints: all of them on a full
    build, else those whose fingerprint the model does not hold yet. `fingerprint` is
    'history_fingerprint' for a model whose months look back; the rows carry it as
    `build_fingerprint`. -#}
{% macro months_to_build(fingerprint='build_fingerprint') -%}
    select
        month,
        data_source,
        percentile_convention,
        {{ fingerprint }} as build_fingerprint
    from {{ ref('int_months_loaded') }}
    {%- if holds_fingerprints() | trim == 'yes' %}
        where {{ fingerprint }} not in (select distinct built.build_fingerprint from {{ this }} as built)
    {%- endif %}
{%- endmacro %}

{#- When this dbt run started, as a timestamp: a month-grained model stamps the rows it appends
    with it (`built_at`), so its grain test can check only the months the latest run built
    (unique_combination's `latest_build_only`). Seconds suffice: a run takes longer than one. -#}
{% macro run_started_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
{%- endmacro %}

{#- A condition: the row's month is no earlier than the earliest the latest run that appended rows
    to `relation` built (rows stamped with run_started_timestamp() as `built_at`). A refresh builds
    the newest month, so that is all it selects. The month is looked up first and written as a
    literal, so that the engine skips the older months' storage; on a full build it is the first
    month, and the condition costs nothing. Before the table exists (a compile, or `dbt docs
    generate`, on a new warehouse) there is nothing to look up. -#}
{% macro from_the_latest_build(relation) -%}
    {%- set earliest = none -%}
    {%- if execute and load_relation(relation) is not none -%}
        {%- set found = run_query(
            "select cast(min(month) as string) from " ~ relation
            ~ " where built_at = (select max(built_at) from " ~ relation ~ ")") -%}
        {%- set earliest = found.columns[0].values()[0] -%}
    {%- endif -%}
    month >= cast('{{ earliest or "1900-01-01" }}' as date)
{%- endmacro %}

{#- A row is stale when it carries none of the current fingerprints, of either kind (a month's
    own, or its history's: months_to_build says which a model keeps), so this needs no argument. -#}
{% macro forget_stale_months() %}
    {%- if holds_fingerprints() | trim == 'yes' -%}
        delete from {{ this }}
        where build_fingerprint not in (
            select current_months.build_fingerprint from {{ ref('int_months_loaded') }} as current_months
            union all
            select current_months.history_fingerprint from {{ ref('int_months_loaded') }} as current_months
        )
    {%- elif is_incremental() -%}
        delete from {{ this }}  -- built before fingerprints: rebuild every month
    {%- endif -%}
{% endmacro %}

{#- 'yes' when the model's table exists and records which fingerprint built each row (text, not a
    returned value, so that sqlfluff's rendering of nested macros keeps working). -#}
{% macro holds_fingerprints() %}
    {%- if execute and is_incremental() and 'build_fingerprint' in (
        adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list) -%}
        yes
    {%- endif -%}
{% endmacro %}

{#- A hash of everything besides a month's own raw rows that its figures depend on: the project's
    models, seeds and macros as written, and the vars that change monthly figures. Any change
    rebuilds every month (rare, and always correct). dbt's graph lists no macros, so their text
    is read from the macros in the Jinja context (every macro of this project, dispatched
    variants included, since a model reaches some only through others). -#}
{% macro project_fingerprint() %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set parts = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id')
        if node.resource_type in ['model', 'seed'] and node.package_name == project_name -%}
        {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
    {%- endfor -%}
    {%- for name, value in context.items() | sort
        if value.macro is defined and value.macro.package_name == project_name -%}
        {%- do parts.append('macro.' ~ name ~ '=' ~ local_md5(value.macro.macro_sql)) -%}
    {%- endfor -%}
    {%- for name in ['population_source', 'absent_provider_flag_share'] -%}
        {%- do parts.append(name ~ '=' ~ var(name)) -%}
    {%- endfor -%}
    {{- return(local_md5(parts | join('\n'))) -}}
{% endmacro %}
