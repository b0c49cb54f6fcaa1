-- One row per NHS England region × measure × specialty × basis over the analysis window: the
-- pooled and median rate of the region's trusts compared, per 1,000 of catchment, and its highest
-- and lowest trust (int_trust_region_rates).
with

regions as (
    select * from {{ ref('int_trust_region_rates') }}
),

final as (
    select * from regions
)

select * from final
