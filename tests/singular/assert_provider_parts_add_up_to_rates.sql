-- Each CCG's rate is exactly the sum of the parts each kind of provider treated (and the part in
-- months whose files name no provider), and England's parts sum to England's rate, on both bases:
-- a kind left out of the split, or a pathway counted under two kinds, fails here.
with

mix as (
    select * from {{ ref('ccg_provider_mix') }}
),

sums as (
    select
        ccg_code,
        measure,
        specialty,
        basis,
        per_1000,
        {%- for part in provider_kinds() + ['provider_not_published'] %}
            {{ part }}_per_1000{{ ' +' if not loop.last }}
        {%- endfor %} as parts_per_1000,
        england_per_1000,
        {%- for part in provider_kinds() + ['provider_not_published'] %}
            england_{{ part }}_per_1000{{ ' +' if not loop.last }}
        {%- endfor %} as england_parts_per_1000
    from mix
),

final as (
    select * from sums
    where
        abs(parts_per_1000 - per_1000) > 1e-9 * greatest(1, abs(per_1000))
        or abs(england_parts_per_1000 - england_per_1000) > 1e-9 * greatest(1, abs(england_per_1000))
)

select * from final
