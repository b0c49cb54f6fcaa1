-- One row per commissioner code found in any loaded RTT extract or commissioner workbook: the CCG of
-- April 2021 it maps to
-- (itself, or by following ODS successors effective on or before 2021-04-01), or else the
-- non-geographic category it belongs to. No code is dropped: `attribution` says where its
-- pathways are counted (attributed to a CCG, non_geographic, or unmatched).
with recursive

sightings as (
    select * from {{ ref('int_commissioner_sightings') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

successors as (
    select * from {{ ref('stg_ods__successors') }}
    where effective_date <= cast('2021-04-01' as date)
),

commissioners as (
    select
        commissioner_code,
        max_by(commissioner_name, month) as commissioner_name,
        max_by(commissioner_parent_code, month) as commissioner_parent_code,
        min(month) as first_month,
        max(month) as last_month
    from sightings
    group by commissioner_code
),

-- Every code reachable from a commissioner through successors, stopping at a CCG of April 2021.
{{ successor_walk('commissioners', 'commissioner_code', 'commissioner_code', 'successors', 'ccgs', 'ccg_code') }},

categorised as (
    select
        commissioners.*,
        -- A code whose successors split between CCGs cannot be attributed to one of them.
        case when reached_targets.targets_reached = 1 then reached_targets.reached_code end as ccg_code,
        case
            when reached_targets.targets_reached > 1 then 'ambiguous_successors'
            when reached_targets.successor_steps = 0 then 'ccg21_code'
            when reached_targets.successor_steps > 0 then 'ods_successor'
        end as mapping_method,
        case
            when reached_targets.targets_reached = 1 then 'ccg'
            when commissioners.commissioner_code = 'NONC' then 'non_contracted'
            when {{ matches_regex('commissioners.commissioner_code', '^Y[0-9]{2}$') }} then 'nhs_england_region'
            when commissioners.commissioner_name ilike '%commissioning hub%' then 'nhs_england_commissioning_hub'
            -- NHS England itself, as the 2014-15 workbooks name its direct commissioning (X24)
            when commissioners.commissioner_name = 'NHS ENGLAND' then 'nhs_england'
            when commissioners.commissioner_parent_code is null then 'other_non_geographic'
            else 'unmatched'
        end as commissioner_category
    from commissioners
    left join reached_targets on commissioners.commissioner_code = reached_targets.commissioner_code
),

final as (
    select
        *,
        case
            when commissioner_category = 'ccg' then 'attributed'
            when commissioner_category = 'unmatched' then 'unmatched'
            else 'non_geographic'
        end as attribution
    from categorised
)

select * from final
