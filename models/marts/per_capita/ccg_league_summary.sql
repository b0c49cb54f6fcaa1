-- One row per measure × specialty over the analysis window: the England rate, the highest CCG,
-- and how many times the ten lowest CCGs' mean rate it is (the MTG report's "up to three times").
with

league as (
    select * from {{ ref('ccg_league_table') }}
),

ordered as (
    select
        *,
        row_number() over (partition by measure, specialty order by per_1000 asc, ccg_code asc) as ascending_position
    from league
),

final as (
    select
        measure,
        specialty,
        min(window_start) as window_start,
        max(window_end) as window_end,
        max(months) as months,
        count(*) as ccgs_ranked,
        {{ per_1000('sum(pathways)', 'sum(population)') }} as england_per_1000,
        -- Ties are broken by code, so the same data always names the same CCG.
        {{ max_by_columns('ccg_code', ['per_1000', 'ccg_code']) }} as top_ccg_code,
        {{ max_by_columns('ccg_name', ['per_1000', 'ccg_code']) }} as top_ccg_name,
        max(per_1000) as top_per_1000,
        {{ min_by_columns('ccg_code', ['per_1000', 'ccg_code']) }} as bottom_ccg_code,
        min(per_1000) as bottom_per_1000,
        median(per_1000) as median_per_1000,
        avg(per_1000) filter (where ascending_position <= 10) as bottom_ten_mean_per_1000,
        max(per_1000) / nullif(avg(per_1000) filter (where ascending_position <= 10), 0) as top_to_bottom_ten_ratio,
        any_value(population_source) as population_source
    from ordered
    group by
        measure,
        specialty
)

select * from final
