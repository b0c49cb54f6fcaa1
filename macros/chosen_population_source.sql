{#-
  The denominator chosen by var `population_source`, checked: 'ons' or 'gp_registered'. The GP
  files are optional in the ingest, so asking for them when none were landed stops the build with
  the datasets' names and how to get them, instead of building rates on nothing.
-#}
{% macro chosen_population_source() %}
    {%- set choice = var('population_source') -%}
    {#- Checked only when dbt executes: at parse time (and in sqlfluff) nothing is run. -#}
    {%- if execute and choice not in ['ons', 'gp_registered'] -%}
        {{ exceptions.raise_compiler_error(
            "var population_source is '" ~ choice ~ "': choose 'ons' or 'gp_registered'") }}
    {%- endif -%}
    {%- if execute and choice == 'gp_registered' -%}
        {%- set landed = run_query(
            "select (select count(*) from " ~ source('nhs_digital', 'gp_registered_by_age')
            ~ ") + (select count(*) from " ~ source('nhs_digital', 'gp_registered_ccg21_monthly') ~ ")"
        ).columns[0].values()[0] -%}
        {%- if landed == 0 -%}
            {{ exceptions.raise_compiler_error(
                "population_source: gp_registered needs patients registered at a GP practice, and the "
                ~ "warehouse has none (raw.gp_registered_by_age and raw.gp_registered_ccg21_monthly are "
                ~ "empty). Download them with `make ingest` (NHS England's 'Patients Registered at a GP "
                ~ "Practice' pages), or put gp-reg-pat-prac-sing-age-regions.zip in a folder and run "
                ~ "`python -m ingest --source-dir FOLDER`; or build with the default population_source: ons.") }}
        {%- endif -%}
    {%- endif -%}
    {{- return(choice) -}}
{% endmacro %}
