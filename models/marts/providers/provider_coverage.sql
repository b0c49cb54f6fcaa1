-- One row per measure × specialty × provider kind × how the provider was matched to ODS's trusts
-- file, over the analysis window: how many providers and pathways each holds, of every commissioner
-- (not only the CCGs'). No provider is dropped: a provider with no ODS record is counted here
-- (`trust_match` none), with the kind its name gives it (int_providers).
with

activity as (
    {{ rows_in_analysis_window(ref('int_rtt_activity_by_provider_commissioner_month')) }}
),

providers as (
    select * from {{ ref('int_providers') }}
),

by_match as (
    select
        activity.measure,
        activity.specialty,
        providers.provider_kind,
        providers.trust_match,
        count(distinct activity.provider_code) as providers,
        count(distinct providers.organisation_code) as organisations,
        cast(sum(activity.pathways) as bigint) as pathways
    from activity
    inner join providers on activity.provider_code = providers.provider_code
    group by
        activity.measure,
        activity.specialty,
        providers.provider_kind,
        providers.trust_match
),

final as (
    select
        *,
        pathways / nullif(cast(sum(pathways) over (partition by measure, specialty) as double), 0) as share_of_pathways
    from by_match
)

select * from final
