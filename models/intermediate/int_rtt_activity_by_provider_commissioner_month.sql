-- One row per provider × commissioner × month × measure × specialty: published pathways (Total All)
-- and the pathways in each week band of waiting time.
-- Only the published totals are read: `all` is C_999, never a sum computed here.
with

pathway_counts as (
    select * from {{ ref('stg_nhs_england__rtt_pathway_counts') }}
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
        {{- rtt_band_sums('pathway_counts') }}
        sum(pathway_counts.pathways) as pathways
    from pathway_counts
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
