-- One row per NHS trust × specialty with new RTT periods in the analysis window: the trust's
-- catchment in the specialty and whether its rate there is compared with other trusts'. A
-- catchment shared out by referrals means a residents' rate only for a trust whose patients are
-- local and admitted; the rule (docs/methodology.md, "Hospitals and their catchments") keeps three
-- kinds out of the comparison and the ranking, specialty by specialty:
-- 1. specialist and national trusts: under 60% of the specialty's new periods come from CCGs for
--    which the trust takes at least 5% of them (Moorfields, Great Ormond Street, the Christie);
-- 2. very small catchments: under 50,000 residents in the specialty;
-- 3. trusts that admit almost no one in any specialty (community and mental-health trusts):
--    under 100 completed admitted pathways a month, all specialties. This looks at the count the
--    admitted rate counts, so it does trim that rate's lower tail: by design, of trusts that are
--    not hospitals of planned admitted care, which ODS's trusts file does not tell apart.
with

catchments as (
    select * from {{ ref('int_trust_catchments') }}
),

-- The window's mean population of each CCG, as int_area_window_rates takes it.
populations as (
    select
        ccg_code,
        avg(population) as population
    from ({{ rows_in_analysis_window(ref('int_need_weighted_populations_by_ccg_month')) }}) as ccg_months
    group by ccg_code
),

admitted as (
    select
        organisation_code as trust_code,
        sum(pathways) / max(months) as admitted_pathways_a_month
    from {{ ref('int_ccg_provider_flows') }}
    where measure = 'admitted_completed' and specialty = 'all' and provider_kind = 'nhs_trust'
    group by organisation_code
),

by_specialty as (
    select
        catchments.trust_code,
        catchments.specialty,
        any_value(catchments.trust_name) as trust_name,
        cast(sum(catchments.new_periods) as bigint) as new_periods,
        count(*) as ccgs_referring,
        sum(catchments.catchment_share * populations.population) as catchment_population,
        coalesce(sum(catchments.new_periods) filter (where catchments.catchment_share >= 0.05), 0)
        / nullif(sum(catchments.new_periods), 0) as local_share
    from catchments
    inner join populations on catchments.ccg_code = populations.ccg_code
    group by
        catchments.trust_code,
        catchments.specialty
),

final as (
    select
        by_specialty.*,
        coalesce(admitted.admitted_pathways_a_month, 0) as admitted_pathways_a_month,
        case
            when by_specialty.local_share < 0.6 then 'specialist_or_national'
            when by_specialty.catchment_population < 50000 then 'small_catchment'
            when coalesce(admitted.admitted_pathways_a_month, 0) < 100 then 'few_admissions'
        end as not_compared_because
    from by_specialty
    left join admitted on by_specialty.trust_code = admitted.trust_code
)

select * from final
