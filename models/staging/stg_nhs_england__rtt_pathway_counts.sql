-- One row per month × provider × commissioner × RTT part × treatment function: the full extract, renamed.
with

source as (
    select * from {{ source('nhs_england', 'rtt_full_extract') }}
),

renamed as (
    select
        period_date as month,
        period,
        provider_parent_org_code as provider_parent_code,
        provider_parent_name,
        provider_org_code as provider_code,
        provider_org_name as provider_name,
        commissioner_parent_org_code as commissioner_parent_code,
        commissioner_parent_name,
        commissioner_org_code as commissioner_code,
        commissioner_org_name as commissioner_name,
        rtt_part_type,
        rtt_part_description,
        treatment_function_code,
        treatment_function_name,
        {%- for band in rtt_week_bands() %}
            {{ band.raw }} as {{ band.staged }},
        {%- endfor %}
        total as total_with_known_clock_start,
        patients_with_unknown_clock_start_date as unknown_clock_start,
        total_all as pathways,
        source_file,
        source_sha256,
        loaded_at
    from source
)

select * from renamed
