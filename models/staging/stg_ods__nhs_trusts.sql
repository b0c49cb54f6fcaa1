-- One row per NHS trust: ODS's trusts file (etr), its fields that locate and date a trust, renamed.
with

source as (
    select * from {{ source('ods', 'ods_nhs_trusts') }}
),

renamed as (
    select
        organisation_code as trust_code,
        name as trust_name,
        national_grouping as region_code,
        high_level_health_geography as icb_code,
        postcode,
        open_date as opened_on,
        close_date as closed_on
    from source
)

select * from renamed
