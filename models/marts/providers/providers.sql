-- One row per provider code seen in the full extracts: its published name, its kind, today's NHS
-- trust it is or belongs to, its ICB and region, and the months it appears in (int_providers).
with

providers as (
    select * from {{ ref('int_providers') }}
),

final as (
    select
        provider_code,
        provider_name,
        provider_kind,
        organisation_code,
        organisation_name,
        trust_code,
        trust_name,
        trust_match,
        successor_steps,
        icb_code,
        icb_name,
        region_code,
        region_name,
        location_from,
        provider_parent_code,
        first_month,
        last_month,
        months_seen
    from providers
)

select * from final
