-- One row per organisation code × successor code: the ODS successor file.
with

source as (
    select * from {{ source('ods', 'ods_successors') }}
),

renamed as (
    select
        old_code,
        successor_code,
        effective_date,
        flag as successor_flag
    from source
)

select * from renamed
