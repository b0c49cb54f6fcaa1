-- One row per NHS trust compared × measure × specialty × basis over the analysis window: the trust's
-- rate per 1,000 of its catchment (int_trust_catchments), crude or need-adjusted, with every
-- statistic the CCGs' league gives, from the same steps (models/intermediate/statistics, area kind
-- `trust`): intervals from the months' own variation, funnels with and without the spread between
-- trusts, and a rank with its 95% interval among the trusts compared (int_trust_comparability).
{%- set rates = ['per_1000', 'per_1000_lower_95', 'per_1000_upper_95', 'england_per_1000'] %}
with

statistics as (
    select * from {{ ref('int_area_statistics') }}
    where area_kind = 'trust'
),

measures as (
    select distinct
        measure,
        counted_as
    from {{ ref('rtt_measures') }}
),

trusts as (
    select * from {{ ref('int_trust_comparability') }}
),

providers as (
    select distinct
        organisation_code,
        icb_code,
        icb_name,
        region_code,
        region_name
    from {{ ref('int_providers') }}
    where provider_kind = 'nhs_trust'
),

final as (
    select
        statistics.basis,
        statistics.area_code as trust_code,
        statistics.area_name as trust_name,
        providers.icb_code,
        providers.icb_name,
        providers.region_code,
        providers.region_name,
        statistics.measure,
        statistics.specialty,
        statistics.window_start,
        statistics.window_end,
        statistics.months,
        statistics.pathways,
        statistics.denominator as catchment,
        trusts.local_share,
        statistics.per_1000,
        statistics.per_1000_lower_95,
        statistics.per_1000_upper_95,
        statistics.poisson_per_1000_lower_95,
        statistics.poisson_per_1000_upper_95,
        statistics.england_per_1000,
        statistics.dispersion,
        statistics.funnel_lower_95,
        statistics.funnel_upper_95,
        statistics.funnel_lower_998,
        statistics.funnel_upper_998,
        {{ funnel_position('statistics.per_1000', 'statistics.funnel') }} as vs_england,
        sqrt(statistics.between_area_variance) as between_trust_sd_per_1000,
        statistics.overdispersed_lower_95,
        statistics.overdispersed_upper_95,
        statistics.overdispersed_lower_998,
        statistics.overdispersed_upper_998,
        {{ funnel_position('statistics.per_1000', 'statistics.overdispersed') }} as vs_england_overdispersed,
        statistics.national_rank,
        statistics.rank_lower_95,
        statistics.rank_upper_95,
        statistics.rank_of,
        measures.counted_as,
        {{ monthly_forms(rates, relation='statistics') }}
    from statistics
    inner join measures on statistics.measure = measures.measure
    inner join trusts
        on
            statistics.area_code = trusts.trust_code
            and statistics.specialty = trusts.specialty
    left join providers on statistics.area_code = providers.organisation_code
)

select * from final
