-- One row per provider × loaded month in which a provider that submitted in an earlier loaded
-- month sent no rows at all, while the NHS trust it is today (int_providers) sent none under any
-- other code either: a missed submission, or a provider that closed. Either way the month's
-- figures for its commissioners lack what it usually did. A trust that merged or was re-coded
-- (South Tyneside `RE9` into `R0B`) is not absent: its patients are in its successor's rows.
with

submissions as (
    select * from {{ ref('int_provider_submissions') }}
),

organisations as (
    select
        provider_code,
        organisation_code
    from {{ ref('int_providers') }}
),

-- Only extract months say which providers submitted.
months_loaded as (
    select month from {{ ref('int_months_loaded') }}
    where data_source = 'rtt_full_extract'
),

first_submissions as (
    select
        provider_code,
        min(month) as first_month
    from submissions
    group by provider_code
),

organisation_submissions as (
    select distinct
        organisations.organisation_code,
        submissions.month
    from submissions
    inner join organisations on submissions.provider_code = organisations.provider_code
),

final as (
    select
        first_submissions.provider_code,
        months_loaded.month
    from first_submissions
    inner join months_loaded on first_submissions.first_month < months_loaded.month
    inner join organisations on first_submissions.provider_code = organisations.provider_code
    left join organisation_submissions
        on
            organisations.organisation_code = organisation_submissions.organisation_code
            and months_loaded.month = organisation_submissions.month
    where organisation_submissions.month is null
)

select * from final
