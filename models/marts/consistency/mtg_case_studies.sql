-- Publishes int_mtg_case_studies whole, as a table: grain, columns and contract in this folder's YAML.
select * from {{ ref('int_mtg_case_studies') }}
