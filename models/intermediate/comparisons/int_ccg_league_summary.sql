-- One row per measure × specialty over the analysis window: the England rate, the highest CCG,
-- and how many times the ten lowest CCGs' mean rate it is (the MTG report's "up to three times"),
-- over the window with a 95% interval, and in the window's month where it was largest (the
-- largest of that many monthly ratios); and, need-adjusted, the pathways a year England would add
-- if every CCG below England's target treated at it, with a 95% interval, and, for comparison,
-- at its ICB's highest member's rate (int_ics_levelling_up); and how much of the gap between the
-- top CCG and the bottom ten NHS trusts treated, and how much independent-sector providers, and
-- whether the CCGs' independent-sector share moves with their rate.
with

league as (
    select
        area_code as ccg_code,
        area_name as ccg_name,
        measure,
        specialty,
        window_start,
        window_end,
        months,
        pathways,
        population,
        per_1000,
        variance_at_own_rate,
        population_source
    from {{ ref('int_area_window_rates') }}
    where area_kind = 'ccg' and basis = 'crude'
),

monthly as (
    {{ rows_in_analysis_window(ref('int_ccg_monthly_activity')) }}
),

levelling_up as (
    select * from {{ ref('int_ics_levelling_up') }}
    where grouping = 'icb22'
),

provider_mix as (
    select * from {{ ref('int_ccg_provider_mix') }}
    where basis = 'crude'
),

-- The window (month null) and each of its months, ranked from the bottom.
window_and_months as (
    select
        measure,
        specialty,
        cast(null as date) as month,
        ccg_code,
        per_1000,
        variance_at_own_rate
    from league
    union all
    select
        measure,
        specialty,
        month,
        ccg_code,
        per_1000,
        cast(null as double) as variance_at_own_rate
    from monthly
),

top_to_bottom_ten as (
    select
        measure,
        specialty,
        month,
        avg(per_1000) filter (where ascending_position <= 10) as bottom_ten_mean_per_1000,
        max(per_1000) / nullif(avg(per_1000) filter (where ascending_position <= 10), 0) as top_to_bottom_ten_ratio,
        -- The log ratio's standard error from chance in the eleven rates (the delta method).
        sqrt(
            {{ max_by_columns('variance_at_own_rate', ['per_1000', 'ccg_code']) }} / power(max(per_1000), 2)
            + sum(variance_at_own_rate) filter (where ascending_position <= 10)
            / power(sum(per_1000) filter (where ascending_position <= 10), 2)
        ) as log_ratio_se
    from (
        select
            *,
            row_number() over (
                partition by measure, specialty, month order by per_1000 asc, ccg_code asc
            ) as ascending_position
        from window_and_months
    ) as ordered
    group by
        measure,
        specialty,
        month
),

largest_month as (
    select
        measure,
        specialty,
        max(top_to_bottom_ten_ratio) as largest_monthly_top_to_bottom_ten_ratio,
        count(*) as months_compared,
        {{ max_by_columns('month', ['top_to_bottom_ten_ratio', 'month']) }} as largest_ratio_month
    from top_to_bottom_ten
    -- A month whose ten lowest treat no one has no ratio; left out, it cannot win the struct
    -- comparison (DuckDB orders a null field last, Spark first).
    where month is not null and top_to_bottom_ten_ratio is not null
    group by
        measure,
        specialty
),

-- The gap between the top CCG and the bottom ten's mean, in the parts each kind of provider
-- treated (int_ccg_provider_mix): the parts of each rate add up to it, so these add up to the gap.
gap_by_provider_kind as (
    select
        {%- for part in provider_kinds() + ['provider_not_published'] %}
            {{ max_by_columns(part ~ '_per_1000', ['per_1000', 'ccg_code']) }}
            - avg({{ part }}_per_1000) filter (where ascending_position <= 10) as gap_{{ part }}_per_1000,
        {%- endfor %}
        corr(per_1000, independent_sector_share) as independent_sector_share_correlation,
        measure,
        specialty
    from (
        select
            *,
            row_number() over (partition by measure, specialty order by per_1000 asc, ccg_code asc)
                as ascending_position
        from provider_mix
    ) as ordered
    group by
        measure,
        specialty
),

england_levelling_up as (
    select
        measure,
        specialty,
        sum(pathways_a_year_at_ics_best) as pathways_a_year_at_icb_best,
        {{ levelling_up_sums() }}
    from levelling_up
    group by
        measure,
        specialty
),

by_selection as (
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
        any_value(population_source) as population_source
    from league
    group by
        measure,
        specialty
),

final as (
    select
        by_selection.measure,
        by_selection.specialty,
        by_selection.window_start,
        by_selection.window_end,
        by_selection.months,
        by_selection.ccgs_ranked,
        by_selection.england_per_1000,
        by_selection.top_ccg_code,
        by_selection.top_ccg_name,
        by_selection.top_per_1000,
        by_selection.bottom_ccg_code,
        by_selection.bottom_per_1000,
        by_selection.median_per_1000,
        whole_window.bottom_ten_mean_per_1000,
        whole_window.top_to_bottom_ten_ratio,
        whole_window.top_to_bottom_ten_ratio * exp(-{{ z('95') }} * whole_window.log_ratio_se)
            as top_to_bottom_ten_ratio_lower_95,
        whole_window.top_to_bottom_ten_ratio * exp({{ z('95') }} * whole_window.log_ratio_se)
            as top_to_bottom_ten_ratio_upper_95,
        by_selection.top_per_1000 - whole_window.bottom_ten_mean_per_1000 as top_to_bottom_ten_gap_per_1000,
        {%- for part in provider_kinds() + ['provider_not_published'] %}
            gap_by_provider_kind.gap_{{ part }}_per_1000,
        {%- endfor %}
        gap_by_provider_kind.independent_sector_share_correlation,
        largest_month.largest_monthly_top_to_bottom_ten_ratio,
        largest_month.largest_ratio_month,
        largest_month.months_compared as largest_ratio_of_months,
        england_levelling_up.pathways_a_year_at_icb_best,
        england_levelling_up.pathways_a_year_at_england_upper_quartile,
        {{ levelling_up_interval('england_levelling_up') }},
        by_selection.population_source
    from by_selection
    inner join top_to_bottom_ten as whole_window
        on
            by_selection.measure = whole_window.measure
            and by_selection.specialty = whole_window.specialty
            and whole_window.month is null
    left join largest_month
        on
            by_selection.measure = largest_month.measure
            and by_selection.specialty = largest_month.specialty
    left join england_levelling_up
        on
            by_selection.measure = england_levelling_up.measure
            and by_selection.specialty = england_levelling_up.specialty
    left join gap_by_provider_kind
        on
            by_selection.measure = gap_by_provider_kind.measure
            and by_selection.specialty = gap_by_provider_kind.specialty
)

select * from final
