-- One row per loaded month: where its figures come from, the percentile convention NHS England
-- applied to that source, the measures it carries (int_month_measures), whether it is in the
-- analysis window, which breaks in the series it comes after (seed rtt_series_breaks: compare
-- months across a break with care), and the caveats NHS England published with it. A BI tool filters or labels
-- any monthly mart by it; the report reads its window caveats and its latest month here.
with

months as (
    select * from {{ ref('int_months_loaded') }}
),

window_months as (
    select * from {{ ref('int_analysis_window') }}
),

breaks as (
    select * from {{ ref('rtt_series_breaks') }}
),

breaks_by_month as (
    select
        months.month,
        {{ ordered_string_agg('breaks.break_name', "', '", order_by='breaks.break_month') }} as series_breaks_passed
    from months
    inner join breaks on months.month >= breaks.break_month
    group by months.month
),

measures_by_month as (
    select
        month,
        {{ ordered_string_agg('measure', "', '") }} as measures_published
    from {{ ref('int_month_measures') }}
    group by month
),

final as (
    select
        months.month,
        {{ month_label('months.month') }} as month_label,
        months.data_source,
        months.source_rows,
        months.percentile_convention,
        measures_by_month.measures_published,
        window_months.month is not null as in_analysis_window,
        months.month = max(months.month) over () as is_latest,
        breaks_by_month.series_breaks_passed,
        months.published_caveats
    from months
    left join window_months on months.month = window_months.month
    left join measures_by_month on months.month = measures_by_month.month
    left join breaks_by_month on months.month = breaks_by_month.month
)

select * from final
