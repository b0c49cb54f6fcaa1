-- The window vars must select at least one loaded month.
select 'no loaded month falls inside window_start .. window_end' as problem
where not exists (select 1 from {{ ref('int_analysis_window') }})
