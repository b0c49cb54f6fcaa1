-- One row per NHS England region (ODS's, of today's trusts) × measure × specialty × basis over the
-- analysis window: the trusts compared in the region (int_trust_league_by_basis), their pooled rate
-- per 1,000 of catchment (summed pathways over summed catchments) and their median rate, and the
-- region's highest and lowest trust. Tests the MTG's hospital claim: "some hospitals in the
-- southwest and northeast treating up to three times as many patients as those in London and the
-- Midlands" (int_mtg_claims).
with

league as (
    select * from {{ ref('int_trust_league_by_basis') }}
),

final as (
    select
        region_code,
        any_value(region_name) as region_name,
        measure,
        specialty,
        basis,
        min(window_start) as window_start,
        max(window_end) as window_end,
        count(*) as trusts,
        cast(sum(pathways) as bigint) as pathways,
        sum(catchment) as catchment,
        {{ per_1000('sum(pathways)', 'sum(catchment)') }} as pooled_per_1000,
        median(per_1000) as median_per_1000,
        any_value(england_per_1000) as england_per_1000,
        max(per_1000) as highest_per_1000,
        {{ max_by_columns('trust_code', ['per_1000', 'trust_code']) }} as highest_trust_code,
        {{ max_by_columns('trust_name', ['per_1000', 'trust_code']) }} as highest_trust_name,
        min(per_1000) as lowest_per_1000,
        {{ max_by_columns('trust_code', ['-per_1000', 'trust_code']) }} as lowest_trust_code,
        {{ max_by_columns('trust_name', ['-per_1000', 'trust_code']) }} as lowest_trust_name
    from league
    group by
        region_code,
        measure,
        specialty,
        basis
)

select * from final
