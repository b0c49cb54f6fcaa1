-- One row per CCG of April 2021 × measure over the analysis window: in how many of the MTG
-- release's four views (all specialties, general surgery, trauma and orthopaedics, cardiology;
-- seed rtt_specialties) the CCG sits in England's top quarter, and in the bottom, crude and
-- need-adjusted. A leader in one view only is not a leader.
with

consistency as (
    select * from {{ ref('int_ccg_quartile_consistency') }}
),

mtg_views as (
    select specialty from {{ ref('rtt_specialties') }}
    where in_mtg_release
),

final as (
    select
        consistency.ccg_code,
        consistency.ccg_name,
        consistency.measure,
        count(*) as views_counted,
        count(case when consistency.window_quartile = 'top' then 1 end) as views_in_top_quartile,
        count(case when consistency.window_quartile = 'bottom' then 1 end) as views_in_bottom_quartile,
        count(case when consistency.need_adjusted_window_quartile = 'top' then 1 end)
            as need_adjusted_views_in_top_quartile,
        count(case when consistency.need_adjusted_window_quartile = 'bottom' then 1 end)
            as need_adjusted_views_in_bottom_quartile
    from consistency
    inner join mtg_views on consistency.specialty = mtg_views.specialty
    group by
        consistency.ccg_code,
        consistency.ccg_name,
        consistency.measure
)

select * from final
