-- One row per landed file × target table (× month, for extracts): the ingest's lineage log.
with

source as (
    select * from {{ source('ingest', 'ingest_log') }}
),

renamed as (
    select
        target_table,
        period_date as month,
        source_file,
        source_sha256,
        content_fingerprint,
        edition,
        layout,
        row_count,
        arithmetic_breaks,
        loaded_at,
        seconds as load_seconds
    from source
)

select * from renamed
