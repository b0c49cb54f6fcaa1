-- One row per loaded month and where its figures come from: the RTT full extract, or, for a month
-- without one, NHS England's "Admitted - Commissioner" workbook (completed admitted pathways only),
-- the percentile convention NHS England applied to that source (macro rtt_waits_from_bands), and
-- the fingerprint of everything the month's figures are built from (macro incremental_by_month):
-- the month's file hash and row count and every reference file's hash, as raw.ingest_log has them,
-- and the fingerprint of the history up to it (what a figure drawn from earlier months rests on).
{%- set month_tables = {'rtt_full_extract': 'raw.rtt_full_extract',
                         'admitted_commissioner_workbook': 'raw.rtt_admitted_commissioner_workbook'} %}
with

-- What the ingest recorded of each load: the row counts and file hashes a month is fingerprinted
-- by, read from the log rather than by counting all of raw on every build.
ingest_log as (
    select * from {{ source('ingest', 'ingest_log') }}
),

reference_files as (
    select {{ ordered_string_agg("target_table || '=' || source_sha256", "','") }} as fingerprint
    from ingest_log
    where
        target_table != '{{ month_tables.rtt_full_extract }}'
        and target_table != '{{ month_tables.admitted_commissioner_workbook }}'
),

workbook_notes as (
    select * from {{ ref('stg_nhs_england__rtt_admitted_workbook_notes') }}
),

extract_months as (
    select
        period_date as month,
        'rtt_full_extract' as data_source,
        row_count as source_rows,
        source_sha256,
        content_fingerprint
    from ingest_log
    where target_table = '{{ month_tables.rtt_full_extract }}'
),

workbook_months as (
    select
        period_date as month,
        'admitted_commissioner_workbook' as data_source,
        row_count as source_rows,
        source_sha256,
        content_fingerprint
    from ingest_log
    where
        target_table = '{{ month_tables.admitted_commissioner_workbook }}'
        and period_date not in (select extract_months.month from extract_months)
),

caveats as (
    select
        month,
        {{ ordered_string_agg('note', 'chr(10)', order_by='note_number') }} as published_caveats
    from workbook_notes
    where is_caveat
    group by month
),

by_source as (
    select
        *,
        'nhs_england' as percentile_convention,
        cast(null as string) as published_caveats
    from extract_months
    union all
    select
        workbook_months.*,
        'nhs_england_2015' as percentile_convention,
        caveats.published_caveats
    from workbook_months
    left join caveats on workbook_months.month = caveats.month
),

fingerprinted as (
    select
        by_source.month,
        by_source.data_source,
        by_source.source_rows,
        by_source.percentile_convention,
        by_source.published_caveats,
        md5(
            concat_ws(
                -- the month too: one zip may hold several months (same file hash, perhaps the
                -- same row count); content_fingerprint tells the CSVs inside it apart
                '|', cast(by_source.month as string), by_source.data_source, by_source.source_sha256,
                by_source.content_fingerprint, by_source.source_rows,
                reference_files.fingerprint, '{{ project_fingerprint() }}'
            )
        ) as build_fingerprint
    from by_source
    cross join reference_files
),

-- A figure that draws on earlier months (a missing provider's usual activity) is current while
-- every month up to its own is: a revised month rebuilds it and every month after, a new month
-- nothing before it.
final as (
    select
        fingerprinted.month,
        fingerprinted.data_source,
        fingerprinted.source_rows,
        fingerprinted.percentile_convention,
        fingerprinted.published_caveats,
        fingerprinted.build_fingerprint,
        md5({{ ordered_string_agg('so_far.build_fingerprint', "','", order_by='so_far.month') }})
            as history_fingerprint
    from fingerprinted
    inner join fingerprinted as so_far on fingerprinted.month >= so_far.month
    group by
        fingerprinted.month,
        fingerprinted.data_source,
        fingerprinted.source_rows,
        fingerprinted.percentile_convention,
        fingerprinted.published_caveats,
        fingerprinted.build_fingerprint
)

select * from final
