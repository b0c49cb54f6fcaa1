-- One row per CCG of April 2021 × measure × specialty × basis over the analysis window: the CCG's
-- rate split exactly into the parts NHS trusts, independent-sector and other providers treated
-- (and the part in months whose files name no provider), England's parts beside them, the shares
-- by kind and by trusts of the CCG's own ICB, and its main provider (int_ccg_provider_mix).
with

mix as (
    select * from {{ ref('int_ccg_provider_mix') }}
),

final as (
    select
        ccg_code,
        ccg_name,
        measure,
        specialty,
        basis,
        window_start,
        window_end,
        months,
        pathways,
        denominator,
        per_1000,
        england_per_1000,
        {%- for part in provider_kinds() + ['provider_not_published'] %}
            cast({{ part }}_pathways as bigint) as {{ part }}_pathways,
            {{ part }}_per_1000,
            england_{{ part }}_per_1000,
        {%- endfor %}
        {%- for kind in provider_kinds() %}
            {{ kind }}_share,
        {%- endfor %}
        own_icb_trust_share,
        organisations,
        main_provider_code,
        main_provider_name,
        main_provider_kind,
        main_provider_share
    from mix
)

select * from final
