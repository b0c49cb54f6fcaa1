-- One row per grouping × NHS England region × measure × specialty over the analysis window: the
-- region's crude and need-adjusted rates against England's, its rank among the regions with a 95%
-- interval (the statistics' steps, area kinds region21 and region22), and how many of its CCGs sit
-- in England's top quarter over the window and in most of its months. Tests
-- claims such as "the north east and south west performed better than London and the Midlands".
-- grouping region21 = the regions of April 2021; region22 = those of July 2022 (Bassetlaw moved).
with

league as (
    select * from {{ ref('int_ccg_need_adjusted_league') }}
),

consistency as (
    select * from {{ ref('int_ccg_quartile_consistency') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

-- Each region's rate limits and rank interval on both bases, as for the CCGs.
region_statistics as (
    select
        area_kind as grouping,
        area_code as region_code,
        measure,
        specialty,
        basis,
        per_1000_lower_95,
        per_1000_upper_95,
        national_rank,
        rank_lower_95,
        rank_upper_95
    from {{ ref('int_area_statistics') }}
    where area_kind in ('region21', 'region22')
),

region_memberships as (
    select
        'region21' as grouping,
        ccg_code,
        region_code,
        region_name
    from ccgs
    union all
    select
        'region22' as grouping,
        ccg_code,
        region22_code as region_code,
        region22_name as region_name
    from ccgs
),

members as (
    select
        region_memberships.grouping,
        region_memberships.region_code,
        region_memberships.region_name,
        league.*,
        consistency.window_quartile,
        consistency.mostly_in_top_quartile,
        consistency.need_adjusted_window_quartile
    from league
    inner join region_memberships on league.ccg_code = region_memberships.ccg_code
    inner join consistency
        on
            league.ccg_code = consistency.ccg_code
            and league.measure = consistency.measure
            and league.specialty = consistency.specialty
),

by_region as (
    select
        grouping,
        region_code,
        region_name,
        measure,
        specialty,
        min(window_start) as window_start,
        max(window_end) as window_end,
        count(*) as ccgs,
        cast(sum(pathways) as bigint) as pathways,
        sum(population) as population,
        sum(need_weighted_population) as need_weighted_population,
        sum(expected_pathways) as expected_pathways,
        {{ per_1000('sum(pathways)', 'sum(population)') }} as per_1000,
        {{ per_1000('sum(pathways)', 'sum(need_weighted_population)') }} as need_adjusted_per_1000,
        any_value(england_per_1000) as england_per_1000,
        count(case when window_quartile = 'top' then 1 end) as ccgs_in_top_quartile,
        count(case when window_quartile = 'bottom' then 1 end) as ccgs_in_bottom_quartile,
        count(case when mostly_in_top_quartile then 1 end) as ccgs_mostly_in_top_quartile,
        count(case when need_adjusted_window_quartile = 'top' then 1 end) as need_adjusted_ccgs_in_top_quartile
    from members
    group by
        grouping,
        region_code,
        region_name,
        measure,
        specialty
),

final as (
    select
        by_region.*,
        -- None where England has no pathways for the selection.
        by_region.per_1000 / nullif(by_region.england_per_1000, 0) as ratio_to_england,
        by_region.pathways / nullif(by_region.expected_pathways, 0) as standardised_ratio,
        crude.national_rank as rank_among_regions,
        adjusted.national_rank as need_adjusted_rank_among_regions,
        by_region.ccgs_mostly_in_top_quartile / cast(by_region.ccgs as double) as share_of_ccgs_mostly_in_top_quartile,
        crude.per_1000_lower_95,
        crude.per_1000_upper_95,
        crude.rank_lower_95 as rank_among_regions_lower_95,
        crude.rank_upper_95 as rank_among_regions_upper_95,
        adjusted.per_1000_lower_95 as need_adjusted_per_1000_lower_95,
        adjusted.per_1000_upper_95 as need_adjusted_per_1000_upper_95,
        adjusted.rank_lower_95 as need_adjusted_rank_among_regions_lower_95,
        adjusted.rank_upper_95 as need_adjusted_rank_among_regions_upper_95
    from by_region
    {%- for alias, basis in [('crude', 'crude'), ('adjusted', 'need_adjusted')] %}
        inner join region_statistics as {{ alias }}
            on
                by_region.grouping = {{ alias }}.grouping
                and by_region.region_code = {{ alias }}.region_code
                and by_region.measure = {{ alias }}.measure
                and by_region.specialty = {{ alias }}.specialty
                and {{ alias }}.basis = '{{ basis }}'
    {%- endfor %}
)

select * from final
