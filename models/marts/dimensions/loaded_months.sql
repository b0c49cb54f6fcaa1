-- One row per loaded month: where its figures come from, the percentile convention NHS England
-- applied to that source, the measures it carries (int_month_measures), whether it is in the
-- analysis window, and the caveats NHS England published with it. A BI tool filters or labels
-- any monthly mart by it; the report reads its window caveats and its latest month here.
with

months as (
    select * from {{ ref('int_months_loaded') }}
),

window_months as (
    select * from {{ ref('int_analysis_window') }}
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
        months.published_caveats
    from months
    left join window_months on months.month = window_months.month
    left join measures_by_month on months.month = measures_by_month.month
)

select * from final
