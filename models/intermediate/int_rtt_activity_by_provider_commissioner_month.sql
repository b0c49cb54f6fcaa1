-- One row per provider × commissioner × month × measure × specialty of the full extracts:
-- published pathways (Total All). The provider grain serves the missing-provider check, which
-- needs which providers submitted and what they usually report, not week bands (those are summed
-- at commissioner grain, int_rtt_activity_by_commissioner_month). The workbooks (2014-15) publish
-- no provider detail. Incremental by month.
{{ incremental_by_month() }}

with

months as (
    {{ months_to_build() }}
),

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
    where month in (
            select months.month from months
            where months.data_source = 'rtt_full_extract'
        )
),

measures as (
    select * from {{ ref('rtt_measures') }}
),

specialties as (
    select * from {{ ref('rtt_specialties') }}
),

final as (
    select
        pathway_counts.provider_code,
        pathway_counts.commissioner_code,
        pathway_counts.month,
        measures.measure,
        specialties.specialty,
        sum(pathway_counts.pathways) as pathways,
        any_value(months.build_fingerprint) as build_fingerprint,
        {{ run_started_timestamp() }} as built_at
    from pathway_counts
    inner join months on pathway_counts.month = months.month
    inner join measures on pathway_counts.rtt_part_type = measures.rtt_part_type
    inner join specialties on pathway_counts.treatment_function_code = specialties.treatment_function_code
    group by
        pathway_counts.provider_code,
        pathway_counts.commissioner_code,
        pathway_counts.month,
        measures.measure,
        specialties.specialty
)

select * from final
