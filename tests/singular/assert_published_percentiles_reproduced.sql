-- The oracle for percentiles at commissioner level: of the 2014-15 workbook rows with published
-- figures, at least 99% are reproduced to 0.01 weeks (published_percentile_comparison says why
-- the others are not). Returns a row when the share falls short.
with

compared as (
    select * from {{ ref('published_percentile_comparison') }}
    where has_published_figures
),

summary as (
    select
        count(*) as rows_with_published_figures,
        count(*) filter (where outcome = 'matches') as rows_reproduced
    from compared
)

select *
from summary
where rows_reproduced < 0.99 * rows_with_published_figures
