{#- Two CTEs, for a model that starts `with recursive`: `successor_chain`, every code reachable from
    each row of `starts` (keyed by `key`, starting at its `start_code`) through ODS's successor file
    (`successors`: old_code → successor_code), stopping at a code of `targets` (`target_code`) or
    after 10 steps; and `reached_targets`, for each start the targets it reached (`reached_code`,
    the least when there are several), how many (`targets_reached`: more than one means its
    successors split) and in how few steps. The one walk through the successor file: commissioners
    to the CCGs of April 2021, providers to today's NHS trusts. -#}
{% macro successor_walk(starts, key, start_code, successors, targets, target_code) %}
successor_chain as (
    select
        {{ key }},
        {{ start_code }} as reached_code,
        0 as steps
    from {{ starts }}
    union all
    select
        successor_chain.{{ key }},
        {{ successors }}.successor_code as reached_code,
        successor_chain.steps + 1 as steps
    from successor_chain
    inner join {{ successors }} on successor_chain.reached_code = {{ successors }}.old_code
    where
        successor_chain.steps < 10
        and successor_chain.reached_code not in (select {{ targets }}.{{ target_code }} from {{ targets }})
),

reached_targets as (
    select
        successor_chain.{{ key }},
        min(successor_chain.reached_code) as reached_code,
        count(distinct successor_chain.reached_code) as targets_reached,
        min(successor_chain.steps) as successor_steps
    from successor_chain
    inner join {{ targets }} on successor_chain.reached_code = {{ targets }}.{{ target_code }}
    group by successor_chain.{{ key }}
)
{%- endmacro %}
