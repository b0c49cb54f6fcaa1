-- One row per area × measure × specialty × basis over the analysis window: the area's national
-- rank and a 95% interval for the rank of its true rate, from the rates and their variances of
-- int_area_window_rates.
--
-- The interval is Mogstad, Romano, Shaikh and Wilhelm's (2024) marginal confidence set, with
-- Bonferroni's bound: the area's observed rate is compared with every other area's at a level that
-- holds for all rank_of − 1 comparisons at once, each difference judged against its standard
-- error from the two rates' own variances (`variance_at_own_rate`: the count's, month-to-month variation
-- included). The areas surely above it set its best rank, those surely below its worst. The
-- comparison uses the observed rates, not the shrunken underlying ones: shrinkage pulls the
-- extreme areas towards England, and their intervals would then miss their true ranks.
with

rates as (
    select * from {{ ref('int_area_window_rates') }}
),

ranked as (
    select
        area_kind,
        area_code,
        measure,
        specialty,
        basis,
        per_1000,
        variance_at_own_rate,
        cast(rank() over same_comparison_in_order as bigint) as national_rank,
        count(*) over same_comparison as rank_of
    from rates
    window
        same_comparison as (partition by area_kind, basis, measure, specialty),
        same_comparison_in_order as (partition by area_kind, basis, measure, specialty order by per_1000 desc)
),

pairs as (
    select
        this.area_kind,
        this.basis,
        this.measure,
        this.specialty,
        this.area_code,
        other.per_1000 - this.per_1000 as other_minus_this,
        this.critical_z * sqrt(this.variance_at_own_rate + other.variance_at_own_rate) as margin
    from (
        select
            *,
            {{ normal_quantile('1 - 0.025 / nullif(rank_of - 1, 0)') }} as critical_z
        from ranked
    ) as this
    inner join ranked as other
        on
            this.area_kind = other.area_kind
            and this.basis = other.basis
            and this.measure = other.measure
            and this.specialty = other.specialty
            and this.area_code != other.area_code
),

surely_apart as (
    select
        area_kind,
        basis,
        measure,
        specialty,
        area_code,
        count(case when other_minus_this > margin then 1 end) as surely_above,
        count(case when -other_minus_this > margin then 1 end) as surely_below
    from pairs
    group by
        area_kind,
        basis,
        measure,
        specialty,
        area_code
),

final as (
    select
        ranked.area_kind,
        ranked.area_code,
        ranked.measure,
        ranked.specialty,
        ranked.basis,
        ranked.national_rank,
        ranked.rank_of,
        cast(1 + coalesce(surely_apart.surely_above, 0) as bigint) as rank_lower_95,
        cast(ranked.rank_of - coalesce(surely_apart.surely_below, 0) as bigint) as rank_upper_95
    from ranked
    left join surely_apart
        on
            ranked.area_kind = surely_apart.area_kind
            and ranked.basis = surely_apart.basis
            and ranked.measure = surely_apart.measure
            and ranked.specialty = surely_apart.specialty
            and ranked.area_code = surely_apart.area_code
)

select * from final
