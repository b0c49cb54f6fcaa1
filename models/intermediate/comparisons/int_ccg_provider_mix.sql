-- One row per CCG of April 2021 × measure × specialty × basis over the analysis window: who treats
-- the CCG's residents. The CCG's rate (int_area_statistics) splits exactly into the part each kind
-- of provider treated (int_providers: NHS trust, independent sector, other) and the part in months
-- whose files name no provider (the 2014-15 workbooks): the parts share the rate's denominator, so
-- they add up to it, and England's parts add up to England's rate. Beside them, the shares of the
-- pathways with a provider treated by each kind and by trusts of the CCG's own ICB of 2022, and
-- its main provider.
with

statistics as (
    select * from {{ ref('int_area_statistics') }}
    where area_kind = 'ccg'
),

flows as (
    select * from {{ ref('int_ccg_provider_flows') }}
),

by_kind as (
    select
        ccg_code,
        measure,
        specialty,
        sum(pathways) as pathways_with_provider,
        {%- for kind in provider_kinds() %}
            sum(case when provider_kind = '{{ kind }}' then pathways else 0 end) as {{ kind }}_pathways,
        {%- endfor %}
        sum(case when trust_in_own_icb then pathways else 0 end) as own_icb_trust_pathways,
        count(*) as organisations
    from flows
    group by
        ccg_code,
        measure,
        specialty
),

main_providers as (
    select * from flows
    where rank_in_ccg = 1
),

split as (
    select
        statistics.area_code as ccg_code,
        statistics.area_name as ccg_name,
        statistics.measure,
        statistics.specialty,
        statistics.basis,
        statistics.window_start,
        statistics.window_end,
        statistics.months,
        statistics.pathways,
        statistics.denominator,
        statistics.per_1000,
        statistics.england_per_1000,
        {%- for kind in provider_kinds() %}
            coalesce(by_kind.{{ kind }}_pathways, 0) as {{ kind }}_pathways,
        {%- endfor %}
        statistics.pathways - coalesce(by_kind.pathways_with_provider, 0) as provider_not_published_pathways,
        coalesce(by_kind.pathways_with_provider, 0) as pathways_with_provider,
        by_kind.own_icb_trust_pathways,
        by_kind.organisations,
        main_providers.organisation_code as main_provider_code,
        main_providers.organisation_name as main_provider_name,
        main_providers.provider_kind as main_provider_kind,
        main_providers.share_of_ccg as main_provider_share
    from statistics
    left join by_kind
        on
            statistics.area_code = by_kind.ccg_code
            and statistics.measure = by_kind.measure
            and statistics.specialty = by_kind.specialty
    left join main_providers
        on
            statistics.area_code = main_providers.ccg_code
            and statistics.measure = main_providers.measure
            and statistics.specialty = main_providers.specialty
),

final as (
    select
        *,
        {%- for part in provider_kinds() + ['provider_not_published'] %}
            {{ per_1000(part ~ '_pathways', 'denominator') }} as {{ part }}_per_1000,
            {{ per_1000('sum(' ~ part ~ '_pathways) over england', 'sum(denominator) over england') }}
                as england_{{ part }}_per_1000,
        {%- endfor %}
        {%- for kind in provider_kinds() %}
            {{ kind }}_pathways / nullif(pathways_with_provider, 0) as {{ kind }}_share,
        {%- endfor %}
        own_icb_trust_pathways / nullif(pathways_with_provider, 0) as own_icb_trust_share
    from split
    window england as (partition by basis, measure, specialty)
)

select * from final
