-- One row per case study of the MTG's 2022 media release (seed mtg_case_study_trusts): the trust,
-- its completed admitted pathways per 1,000 of catchment in the case's specialty over the analysis
-- window with its rank and 95% interval among the trusts compared (int_trust_league_by_basis,
-- crude), or why it is not compared there, the share of the named area's pathways it treats, and
-- the areas that refer it most.
with

cases as (
    select * from {{ ref('mtg_case_study_trusts') }}
),

league as (
    select * from {{ ref('int_trust_league_by_basis') }}
    where basis = 'crude' and measure = 'admitted_completed'
),

trusts as (
    select * from {{ ref('int_trust_comparability') }}
),

flows as (
    select * from {{ ref('int_ccg_provider_flows') }}
),

-- The three CCGs that refer the trust most (its new RTT periods, all specialties).
largest_areas as (
    select
        organisation_code as trust_code,
        {{ ordered_string_agg(
            "ccg_name || ' (' || cast(cast(round(100 * share_of_ccg, 0) as integer) as string) || '%)'",
            "'; '", 'pathways desc, ccg_code'
        ) }} as areas_served
    from (
        select
            *,
            row_number() over (partition by organisation_code order by pathways desc, ccg_code asc) as place
        from flows
        where measure = 'new_periods' and specialty = 'all' and provider_kind = 'nhs_trust'
    ) as ranked
    where place <= 3
    group by organisation_code
),

final as (
    select
        cases.trust_code,
        trusts.trust_name,
        cases.case_study,
        cases.release_words,
        cases.specialty,
        cases.ccg_code,
        named_area.ccg_name,
        named_area.share_of_ccg as share_of_named_area,
        league.window_start,
        league.window_end,
        league.per_1000,
        league.per_1000_lower_95,
        league.per_1000_upper_95,
        league.england_per_1000,
        league.national_rank,
        league.rank_lower_95,
        league.rank_upper_95,
        league.rank_of,
        coalesce(trusts.not_compared_because is null, false) as compared,
        trusts.not_compared_because,
        largest_areas.areas_served,
        cases.source
    from cases
    left join trusts
        on
            cases.trust_code = trusts.trust_code
            and cases.specialty = trusts.specialty
    left join league
        on
            cases.trust_code = league.trust_code
            and cases.specialty = league.specialty
    left join flows as named_area
        on
            cases.trust_code = named_area.organisation_code
            and cases.ccg_code = named_area.ccg_code
            and cases.specialty = named_area.specialty
            and named_area.measure = 'admitted_completed'
    left join largest_areas on cases.trust_code = largest_areas.trust_code
)

select * from final
