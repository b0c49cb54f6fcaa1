-- One row per provider code seen in the full extracts: its published name and parent, the months
-- it appears in, and which organisation it is today.
--
-- The rule (docs/methodology.md, "Providers"):
-- 1. A code that is a trust in ODS's trusts file (etr) is that trust (`own_code`).
-- 2. A five-character code whose first three characters are a trust in the file is a site of it
--    (`site`). Other five-character codes are not followed through their first three: those are
--    mostly independent-sector companies' sites (`NT332` Spire Leeds), and `R1G7E` (SpaMedica
--    Kendal) shares its first three with a trust that closed in 2015.
-- 3. A code absent from the file, or a trust the file lists as closed, reaches today's trust through
--    ODS's successor file (`successor`: South Tyneside `RE9` and Sunderland `RLN` became `R0B`).
-- 4. Any other provider is `other` when its published name says it is an NHS body outside the
--    trusts file (a care trust such as Bradford District Care NHS Foundation Trust, `TAD`), a
--    council or a university, and `independent_sector` otherwise (companies, partnerships,
--    community interest companies, GP federations).
-- An NHS trust's ICB and region are ODS's for today's trust; any other provider's are its RTT
-- provider parent's, when that is an ICB of 2022 or an NHS England region.
with recursive

sightings as (
    select * from {{ ref('int_provider_sightings') }}
),

trusts as (
    select * from {{ ref('stg_ods__nhs_trusts') }}
),

open_trusts as (
    select * from trusts
    where closed_on is null
),

successors as (
    select * from {{ ref('stg_ods__successors') }}
),

icbs as (
    select distinct
        icb22_code,
        icb22_name,
        region22_code,
        region22_name
    from {{ ref('stg_ons__sub_icb22_icbs') }}
),

regions as (
    select distinct
        region22_code,
        region22_name
    from icbs
),

providers as (
    select
        provider_code,
        max_by(provider_name, month) as provider_name,
        max_by(provider_parent_code, month) as provider_parent_code,
        min(month) as first_month,
        max(month) as last_month,
        count(distinct month) as months_seen
    from sightings
    group by provider_code
),

-- The organisation code a provider code stands for: a site's trust, or the code itself.
organisations as (
    select
        providers.provider_code,
        coalesce(site_of.trust_code, providers.provider_code) as organisation_code,
        site_of.trust_code is not null as is_site
    from providers
    left join trusts as site_of
        on
            length(providers.provider_code) = 5
            and left(providers.provider_code, 3) = site_of.trust_code
),

-- Every code reachable from an organisation through successors, stopping at an open trust.
{{ successor_walk('organisations', 'provider_code', 'organisation_code', 'successors', 'open_trusts', 'trust_code') }},

classified as (
    select
        providers.*,
        organisations.is_site,
        -- a code whose successors split between trusts belongs to none of them
        case when reached_targets.targets_reached = 1 then reached_targets.reached_code end as trust_code,
        case when reached_targets.targets_reached = 1 then reached_targets.successor_steps end as successor_steps,
        case
            when reached_targets.targets_reached = 1 then 'nhs_trust'
            -- whole words, spelled without \b, which Spark's string literals would read as a backspace
            when
                {{ matches_regex('upper(providers.provider_name)', '(^|[^A-Z])(NHS|COUNCIL|UNIVERSITY OF)([^A-Z]|$)') }}
                then 'other'
            else 'independent_sector'
        end as provider_kind
    from providers
    inner join organisations on providers.provider_code = organisations.provider_code
    left join reached_targets on providers.provider_code = reached_targets.provider_code
),

located as (
    select
        classified.provider_code,
        classified.provider_name,
        classified.provider_kind,
        -- who treats: today's trust for an NHS trust's codes, the provider itself otherwise
        coalesce(classified.trust_code, classified.provider_code) as organisation_code,
        coalesce(trusts.trust_name, classified.provider_name) as organisation_name,
        classified.trust_code,
        trusts.trust_name,
        case
            when classified.trust_code is null then 'none'
            when classified.is_site then 'site'
            when classified.successor_steps > 0 then 'successor'
            else 'own_code'
        end as trust_match,
        classified.successor_steps,
        case
            when classified.trust_code is not null then trusts.icb_code
            when parent_icb.icb22_code is not null then parent_icb.icb22_code
        end as icb_code,
        coalesce(trust_icb.icb22_name, parent_icb.icb22_name) as icb_name,
        case
            when classified.trust_code is not null then trusts.region_code
            when parent_icb.icb22_code is not null then parent_icb.region22_code
            when parent_region.region22_code is not null then parent_region.region22_code
        end as region_code,
        case
            when classified.trust_code is not null then 'ods_trusts_file'
            when parent_icb.icb22_code is not null or parent_region.region22_code is not null then 'rtt_provider_parent'
        end as location_from,
        classified.provider_parent_code,
        classified.first_month,
        classified.last_month,
        classified.months_seen
    from classified
    left join trusts on classified.trust_code = trusts.trust_code
    left join icbs as trust_icb on trusts.icb_code = trust_icb.icb22_code
    left join icbs as parent_icb
        on
            classified.trust_code is null
            and classified.provider_parent_code = parent_icb.icb22_code
    left join regions as parent_region
        on
            classified.trust_code is null
            and classified.provider_parent_code = parent_region.region22_code
),

final as (
    select
        located.*,
        regions.region22_name as region_name
    from located
    left join regions on located.region_code = regions.region22_code
)

select * from final
