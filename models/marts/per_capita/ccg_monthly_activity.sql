-- Publishes int_ccg_monthly_activity whole, as a table: grain, columns and contract in this folder's YAML.
select * from {{ ref('int_ccg_monthly_activity') }}
