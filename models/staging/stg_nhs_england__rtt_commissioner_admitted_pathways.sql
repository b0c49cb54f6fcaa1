-- One row per month × commissioner × treatment function: the Commissioner sheet of NHS England's
-- monthly "Admitted - Commissioner" workbooks (2014-15), renamed, with NHS England's own figures.
with

source as (
    select * from {{ source('nhs_england', 'rtt_admitted_commissioner_workbook') }}
),

renamed as (
    select
        period_date as month,
        period,
        parent_org_code as commissioner_parent_code,
        case parent_org_type
            when 'Area Team Code' then 'area_team'
            when 'Region Code' then 'region'
        end as commissioner_parent_type,
        ccg_code as commissioner_code,
        ccg_name as commissioner_name,
        {{- rtt_workbook_columns() }}
        loaded_at
    from source
)

select * from renamed
