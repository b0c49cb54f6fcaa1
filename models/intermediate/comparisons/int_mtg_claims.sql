-- One row per claim of the MTG's 2022 media release (seed mtg_release_claims): the claim as made,
-- and what this build finds over its analysis window for the same measure and specialty: a CCG's
-- national rank (with its 95% interval), the top CCG's rate over the bottom ten's, the ranks
-- of the regions (2021) the claim names, or the best trust of some regions over the median trust
-- of others (int_trust_league_by_basis). `window_is_the_claims` says whether the window is the
-- release's own months; only then is the comparison like for like. Nothing asserts agreement.
with

claims as (
    select * from {{ ref('mtg_release_claims') }}
),

summary as (
    select * from {{ ref('int_ccg_league_summary') }}
),

league as (
    select * from {{ ref('int_ccg_league_by_basis') }}
    where basis = 'crude'
),

regions as (
    select * from {{ ref('int_region_rates') }}
    where grouping = 'region21'
),

rank_findings as (
    select
        claims.claim_id,
        league.ccg_name || ': rank ' || cast(league.national_rank as string) || ' of '
        || cast(league.rank_of as string) || ' (95% interval ' || cast(league.rank_lower_95 as string)
        || ' to ' || cast(league.rank_upper_95 as string) || ')' as found,
        cast(league.national_rank as double) as found_value,
        league.national_rank = claims.claimed_rank as this_build_agrees
    from claims
    inner join league
        on
            claims.ccg_code = league.ccg_code
            and claims.measure = league.measure
            and claims.specialty = league.specialty
    where claims.kind = 'ccg_rank'
),

ratio_findings as (
    select
        claims.claim_id,
        cast(cast(round(summary.top_to_bottom_ten_ratio, 1) as decimal(6, 1)) as string)
        || ' times over the window (' || summary.top_ccg_name || ' over the bottom ten); '
        || cast(cast(round(summary.largest_monthly_top_to_bottom_ten_ratio, 1) as decimal(6, 1)) as string)
        || ' in its largest month' as found,
        summary.top_to_bottom_ten_ratio as found_value,
        -- "up to three times": the window's multiple, to the nearest whole number
        round(summary.top_to_bottom_ten_ratio, 0) = claims.claimed_ratio as this_build_agrees
    from claims
    inner join summary
        on
            claims.measure = summary.measure
            and claims.specialty = summary.specialty
    where claims.kind = 'top_to_bottom_ten_ratio'
),

named_regions as (
    select
        claims.claim_id,
        regions.region_name,
        regions.rank_among_regions,
        instr(claims.regions_ahead, regions.region_code) > 0 as said_ahead
    from claims
    inner join regions
        on
            claims.measure = regions.measure
            and claims.specialty = regions.specialty
            and (
                instr(claims.regions_ahead, regions.region_code) > 0
                or instr(claims.regions_behind, regions.region_code) > 0
            )
    where claims.kind = 'region_order'
),

region_findings as (
    select
        claim_id,
        'ranks among the regions: '
        || {{ ordered_string_agg("region_name || ' ' || cast(rank_among_regions as string)", "', '",
                                 'rank_among_regions, region_name') }} as found,
        cast(null as double) as found_value,
        max(case when said_ahead then rank_among_regions end)
        < min(case when not said_ahead then rank_among_regions end) as this_build_agrees
    from named_regions
    group by claim_id
),

-- The hospitals: the best trust of the regions said ahead over the median trust of those said
-- behind ("up to N times"), over the lowest of them, and the same the other way round.
trust_league as (
    select * from {{ ref('int_trust_league_by_basis') }}
    where basis = 'crude'
),

-- Each trust of a region the claim names, and on which side.
named_trusts as (
    select
        claims.claim_id,
        trust_league.trust_code,
        trust_league.trust_name,
        trust_league.per_1000,
        instr(claims.regions_ahead, trust_league.region_code) > 0 as said_ahead
    from claims
    inner join trust_league
        on
            claims.measure = trust_league.measure
            and claims.specialty = trust_league.specialty
            and (
                instr(claims.regions_ahead, trust_league.region_code) > 0
                or instr(claims.regions_behind, trust_league.region_code) > 0
            )
    where claims.kind = 'trust_region_ratio'
),

hospital_ratios as (
    select
        claim_id,
        {{ max_by_columns('trust_name', ['per_1000', 'trust_code']) }} filter (where said_ahead) as best_trust_name,
        max(per_1000) filter (where said_ahead)
        / nullif(median(per_1000) filter (where not said_ahead), 0) as to_median,
        max(per_1000) filter (where said_ahead)
        / nullif(min(per_1000) filter (where not said_ahead), 0) as to_lowest,
        -- a best of many over a median is above 1 even where regions do not differ: the same ratio
        -- the other way round says how much of it is the maximum's
        max(per_1000) filter (where not said_ahead)
        / nullif(median(per_1000) filter (where said_ahead), 0) as swapped
    from named_trusts
    group by claim_id
),

hospital_findings as (
    select
        hospital_ratios.claim_id,
        hospital_ratios.best_trust_name || ' treats '
        || cast(cast(round(hospital_ratios.to_median, 1) as decimal(6, 1)) as string)
        || ' times the median trust of the regions behind, per 1,000 of catchment ('
        || cast(cast(round(hospital_ratios.to_lowest, 1) as decimal(6, 1)) as string)
        || ' times their lowest); the other way round, '
        || cast(cast(round(hospital_ratios.swapped, 1) as decimal(6, 1)) as string) || ' times' as found,
        hospital_ratios.to_median as found_value,
        round(hospital_ratios.to_median, 0) = claims.claimed_ratio as this_build_agrees
    from hospital_ratios
    inner join claims on hospital_ratios.claim_id = claims.claim_id
),

findings as (
    select * from rank_findings
    union all
    select * from ratio_findings
    union all
    select * from region_findings
    union all
    select * from hospital_findings
),

final as (
    select
        claims.claim_id,
        claims.kind,
        claims.claim,
        claims.source,
        claims.measure,
        claims.specialty,
        claims.window_start as claim_window_start,
        claims.window_end as claim_window_end,
        summary.window_start,
        summary.window_end,
        coalesce(
            summary.window_start = claims.window_start
            and summary.window_end = claims.window_end
            and summary.months = {{ dbt.datediff('claims.window_start', 'claims.window_end', 'month') }} + 1,
            false
        ) as window_is_the_claims,
        findings.found,
        findings.found_value,
        findings.this_build_agrees,
        summary.population_source
    from claims
    left join summary
        on
            claims.measure = summary.measure
            and claims.specialty = summary.specialty
    left join findings on claims.claim_id = findings.claim_id
)

select * from final
