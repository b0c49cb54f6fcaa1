-- Every published pathway is attributed to a CCG, non-geographic, or unmatched: none lost or doubled.
select *
from {{ ref('rtt_reconciliation') }}
where raw_pathways <> attributed_pathways + non_geographic_pathways + unmatched_pathways
