-- Publishes int_region_rates whole, as a table: grain, columns and contract in this folder's YAML.
select * from {{ ref('int_region_rates') }}
