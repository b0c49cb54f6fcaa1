-- One row per CCG of April 2021 (= sub-ICB location of July 2022, same ODS code), with its
-- STP/ICS and region of April 2021 and its ICB and region of July 2022.
with

ccg_stps as (
    select * from {{ ref('stg_ons__ccg21_stps') }}
),

stp_regions as (
    select * from {{ ref('stg_ons__stp21_regions') }}
),

sub_icb_icbs as (
    select * from {{ ref('stg_ons__sub_icb22_icbs') }}
),

final as (
    select
        ccg_stps.ccg21_code as ccg_code,
        ccg_stps.ccg21_gss_code as ccg_gss_code,
        ccg_stps.ccg21_name as ccg_name,
        ccg_stps.stp21_code,
        ccg_stps.stp21_name,
        stp_regions.region21_code as region_code,
        stp_regions.region21_name as region_name,
        sub_icb_icbs.icb22_code,
        sub_icb_icbs.icb22_name,
        sub_icb_icbs.region22_code,
        sub_icb_icbs.region22_name
    from ccg_stps
    left join stp_regions on ccg_stps.stp21_code = stp_regions.stp21_code
    left join sub_icb_icbs on ccg_stps.ccg21_code = sub_icb_icbs.sub_icb22_code
)

select * from final
