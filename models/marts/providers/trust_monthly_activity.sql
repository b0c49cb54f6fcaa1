-- One row per NHS trust compared × month of the analysis window with provider detail × measure ×
-- specialty: the pathways it treated for the CCGs' residents that month and its catchment that
-- month, the rows its window statistics are made from (int_area_months_in_window, area kind
-- `trust`), with the month's rate per 1,000 of catchment.
with

months as (
    select * from {{ ref('int_area_months_in_window') }}
    where area_kind = 'trust'
),

final as (
    select
        area_code as trust_code,
        area_name as trust_name,
        month,
        measure,
        specialty,
        cast(pathways as bigint) as pathways,
        population as catchment,
        need_weighted_population as need_weighted_catchment,
        {{ per_1000('pathways', 'population') }} as per_1000,
        {{ per_1000('pathways', 'need_weighted_population') }} as need_adjusted_per_1000
    from months
)

select * from final
