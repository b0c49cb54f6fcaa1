-- One row per CCG of April 2021 × month in which its own code was published under another CCG's
-- name: the area the code covered then may not be the CCG-21's, so its population may not match.
-- The ODS successor file records code changes only; this catches the boundary changes that kept
-- a code (01H "NHS Cumbria CCG" before South Cumbria moved to Morecambe Bay in 2017, and 01K
-- "NHS Lancashire North CCG", which became Morecambe Bay). Sub-ICB names (2022 on) are not CCG
-- names and are not compared.
with

sightings as (
    select * from {{ ref('int_commissioner_sightings') }}
),

ccgs as (
    select * from {{ ref('int_ccg21s_with_ics_and_region') }}
),

published_names as (
    select distinct
        month,
        commissioner_code,
        commissioner_name
    from sightings
),

final as (
    select
        ccgs.ccg_code,
        published_names.month,
        published_names.commissioner_name as published_name
    from published_names
    inner join ccgs on published_names.commissioner_code = ccgs.ccg_code
    where
        upper(published_names.commissioner_name) like '% CCG'
        and upper(replace(published_names.commissioner_name, '&', 'AND')) <> upper(ccgs.ccg_name)
)

select * from final
