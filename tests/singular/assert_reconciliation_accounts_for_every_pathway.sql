-- Every published pathway (raw, read straight from the raw tables) is attributed to a CCG in
-- marts.ccg_monthly_activity, non-geographic, or unmatched: none lost or doubled on the way.
select *
from {{ ref('rtt_reconciliation') }}
where {{ differs('raw_pathways', 'attributed_pathways + non_geographic_pathways + unmatched_pathways') }}
