-- One row per CCG of April 2021 × measure × specialty over the analysis window: in which quarter of
-- England's league the CCG sits over the window, and in how many of the window's months it sat in
-- the top and in the bottom quarter, crude and need-adjusted. Tests claims such as "consistently
-- performed better": a CCG in the top quarter over the window may have got there in a few months.
with

league as (
    select * from {{ ref('int_ccg_need_adjusted_league') }}
),

monthly as (
    {{ rows_in_analysis_window(ref('int_ccg_monthly_activity')) }}
),

by_month as (
    select
        ccg_code,
        measure,
        specialty,
        count(national_rank) as months_ranked,
        count(case when {{ rank_quartile('national_rank', 'rank_of') }} = 'top' then 1 end)
            as months_in_top_quartile,
        count(case when {{ rank_quartile('national_rank', 'rank_of') }} = 'bottom' then 1 end)
            as months_in_bottom_quartile,
        count(case when {{ rank_quartile('need_adjusted_national_rank', 'rank_of') }} = 'top' then 1 end)
            as need_adjusted_months_in_top_quartile,
        count(case when {{ rank_quartile('need_adjusted_national_rank', 'rank_of') }} = 'bottom' then 1 end)
            as need_adjusted_months_in_bottom_quartile
    from monthly
    group by
        ccg_code,
        measure,
        specialty
),

final as (
    select
        league.ccg_code,
        league.ccg_name,
        league.measure,
        league.specialty,
        league.window_start,
        league.window_end,
        {{ rank_quartile('league.crude_national_rank', 'league.rank_of') }} as window_quartile,
        {{ rank_quartile('league.need_adjusted_national_rank', 'league.rank_of') }} as need_adjusted_window_quartile,
        by_month.months_ranked,
        by_month.months_in_top_quartile,
        by_month.months_in_bottom_quartile,
        by_month.months_in_top_quartile > by_month.months_ranked / 2.0 as mostly_in_top_quartile,
        by_month.months_in_bottom_quartile > by_month.months_ranked / 2.0 as mostly_in_bottom_quartile,
        by_month.need_adjusted_months_in_top_quartile,
        by_month.need_adjusted_months_in_bottom_quartile,
        by_month.need_adjusted_months_in_top_quartile > by_month.months_ranked / 2.0
            as need_adjusted_mostly_in_top_quartile
    from league
    inner join by_month
        on
            league.ccg_code = by_month.ccg_code
            and league.measure = by_month.measure
            and league.specialty = by_month.specialty
)

select * from final
