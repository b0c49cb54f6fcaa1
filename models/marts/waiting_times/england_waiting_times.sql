-- Publishes int_england_waiting_times whole, as a table: grain, columns and contract in this folder's YAML.
select * from {{ ref('int_england_waiting_times') }}
