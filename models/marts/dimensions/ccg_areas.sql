-- One row per CCG of April 2021, the areas every CCG mart ranks: its codes and name, the STP/ICS
-- and NHS region it belonged to in April 2021, and the ICB and region of July 2022 that its
-- successor (the sub-ICB location with the same code) belongs to. A BI tool joins any CCG mart to
-- it on ccg_code; the report's area pages, search box and `--area` look areas up here.
with

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

final as (
    select
        ccg_code,
        ccg_gss_code,
        ccg_name,
        stp21_code,
        stp21_name,
        region_code as region21_code,
        region_name as region21_name,
        icb22_code,
        icb22_name,
        region22_code,
        region22_name
    from ccgs
)

select * from final
