-- Publishes int_ics_variation whole, as a table: grain, columns and contract in this folder's YAML.
select * from {{ ref('int_ics_variation') }}
