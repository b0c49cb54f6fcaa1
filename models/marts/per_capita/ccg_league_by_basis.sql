-- Publishes int_ccg_league_by_basis whole, as a table: grain, columns and contract in this folder's YAML.
select * from {{ ref('int_ccg_league_by_basis') }}
