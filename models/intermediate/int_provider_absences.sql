-- One row per provider × loaded month in which a provider that submitted in an earlier loaded
-- month sent no rows at all: a missed submission, or a provider that closed, merged or was
-- re-coded. Either way the month's figures for its commissioners lack what it usually did.
with

submissions as (
    select * from {{ ref('int_provider_submissions') }}
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

final as (
    select
        first_submissions.provider_code,
        months_loaded.month
    from first_submissions
    inner join months_loaded on first_submissions.first_month < months_loaded.month
    left join submissions
        on
            first_submissions.provider_code = submissions.provider_code
            and months_loaded.month = submissions.month
    where submissions.month is null
)

select * from final
