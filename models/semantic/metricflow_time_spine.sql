-- One row per day from April 2007 (the first month of NHS England's RTT series) to 2035: the time
-- spine MetricFlow joins time to (models/semantic/_semantic_models.yml). Nothing else reads it.
with

days as (
    {{ days_between("'2007-04-01'", "'2036-01-01'") }}
),

final as (
    select date_day from days
)

select * from final
