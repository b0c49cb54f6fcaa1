-- One row per CCG of April 2021 × measure × specialty × basis over the analysis window
-- (int_analysis_window): every statistic that compares a CCG with England and with the other CCGs,
-- computed the same way on two bases. `crude`: pathways per 1,000 residents. `need_adjusted`:
-- pathways per 1,000 of the need-weighted population, which is the standardised ratio (observed ÷
-- expected at England's rate for the CCG's need) times England's rate. ccg_league_table is its crude
-- rows; ccg_need_adjusted_league sets both bases side by side; the report's basis switch reads this.
{%- set z95, z998 = 1.959964, 3.090232 %}
{#- The window's rates, which also come per month (macro monthly_forms). -#}
{%- set rates = ['per_1000', 'per_1000_lower_95', 'per_1000_upper_95', 'england_per_1000',
    'funnel_lower_95', 'funnel_upper_95', 'funnel_lower_998', 'funnel_upper_998', 'overdispersed_lower_95',
    'overdispersed_upper_95', 'overdispersed_lower_998', 'overdispersed_upper_998'] %}
with

measures as (
    select distinct
        measure,
        counted_as
    from {{ ref('rtt_measures') }}
),

monthly_in_window as (
    {{ rows_in_analysis_window('ccg_monthly_activity') }}
),

in_window as (
    select
        ccg_code,
        ccg_name,
        measure,
        specialty,
        min(month) as window_start,
        max(month) as window_end,
        count(*) as months,
        cast(sum(pathways) as bigint) as pathways,
        avg(population) as population,
        avg(need_weighted_population) as need_weighted_population,
        min(need_index_year) as need_index_year_earliest,
        max(need_index_year) as need_index_year_latest,
        sum(absent_provider_pathways) as absent_provider_pathways,
        count(code_published_as) as months_code_published_as_other_ccg,
        any_value(population_source) as population_source,
        min(population_vintage) as population_vintage_earliest,
        max(population_vintage) as population_vintage_latest
    from monthly_in_window
    group by
        ccg_code,
        ccg_name,
        measure,
        specialty
),

-- The one difference between the bases: the denominator.
by_basis as (
    select
        *,
        'crude' as basis,
        population as denominator
    from in_window
    union all
    select
        *,
        'need_adjusted' as basis,
        need_weighted_population as denominator
    from in_window
),

rated as (
    select
        *,
        {{ per_1000('pathways', 'denominator') }} as per_1000,
        {{ per_1000('sum(pathways) over england', 'sum(denominator) over england') }} as england_per_1000
    from by_basis
    window england as (partition by basis, measure, specialty)
),

-- Funnel limits: the Poisson range of counts a CCG of this denominator would show at England's
-- rate, as rates per 1,000; and the count's own interval (Byar), as a rate and as a ratio.
with_limits as (
    select
        *,
        england_per_1000 * denominator / 1000.0 as expected_pathways,
        {{ per_1000(poisson_lower('pathways', z95), 'denominator') }} as per_1000_lower_95,
        {{ per_1000(poisson_upper('pathways', z95), 'denominator') }} as per_1000_upper_95,
        {{ per_1000(poisson_lower('pathways', z998), 'denominator') }} as per_1000_lower_998,
        {{ per_1000(poisson_upper('pathways', z998), 'denominator') }} as per_1000_upper_998,
        {%- for level, z in [('95', z95), ('998', z998)] %}
            {{ per_1000(poisson_lower('england_per_1000 * denominator / 1000.0', z), 'denominator') }}
                as funnel_lower_{{ level }},
            {{ per_1000(poisson_upper('england_per_1000 * denominator / 1000.0', z), 'denominator') }}
                as funnel_upper_{{ level }},
        {%- endfor %}
        1000.0 * england_per_1000 / denominator as chance_variance
    from rated
),

-- Over-dispersion, after Spiegelhalter (2005): each CCG's z-score against England under Poisson
-- chance, winsorised at 10% each side, gives phi; the between-CCG variance tau² it implies widens
-- every CCG's limits by the same amount, so a CCG outside them is unusual even among real CCGs.
z_scores as (
    select
        *,
        (per_1000 - england_per_1000) / nullif(sqrt(chance_variance), 0) as z_score
    from with_limits
),

winsorised as (
    select
        *,
        least(
            greatest(z_score, {{ percentile_cont_over('z_score', 0.1, 'same_comparison') }}),
            {{ percentile_cont_over('z_score', 0.9, 'same_comparison') }}
        ) as z_winsorised
    from z_scores
    window same_comparison as (partition by basis, measure, specialty)
),

dispersion as (
    select
        basis,
        measure,
        specialty,
        avg(power(z_winsorised, 2)) as overdispersion_phi,
        greatest(
            0,
            (count(*) * avg(power(z_winsorised, 2)) - (count(*) - 1))
            / (sum(1 / chance_variance) - sum(1 / power(chance_variance, 2)) / sum(1 / chance_variance))
        ) as between_ccg_variance
    from winsorised
    group by
        basis,
        measure,
        specialty
),

-- Each CCG's underlying rate as a random effect (Goldstein and Spiegelhalter 1996): drawn from the
-- between-CCG spread around England's rate, observed with Poisson chance. Its estimate is pulled
-- towards England by the share of its variance that is chance, most for small counts.
with_dispersion as (
    select
        z_scores.*,
        dispersion.overdispersion_phi,
        dispersion.between_ccg_variance,
        dispersion.between_ccg_variance
        / nullif(dispersion.between_ccg_variance + z_scores.chance_variance, 0) as reliability,
        {%- for level, z in [('95', z95), ('998', z998)] %}
            z_scores.england_per_1000
            - {{ z }}
            * sqrt(z_scores.chance_variance + dispersion.between_ccg_variance) as overdispersed_lower_{{ level }},
            z_scores.england_per_1000
            + {{ z }}
            * sqrt(z_scores.chance_variance + dispersion.between_ccg_variance) as overdispersed_upper_{{ level }},
        {%- endfor %}
        cast(rank() over same_comparison as bigint) as national_rank,
        count(*) over (partition by z_scores.basis, z_scores.measure, z_scores.specialty) as rank_of
    from z_scores
    inner join dispersion
        on
            z_scores.basis = dispersion.basis
            and z_scores.measure = dispersion.measure
            and z_scores.specialty = dispersion.specialty
    window same_comparison as (
        partition by z_scores.basis, z_scores.measure, z_scores.specialty order by z_scores.per_1000 desc
    )
),

underlying as (
    select
        *,
        england_per_1000 + coalesce(reliability, 0) * (per_1000 - england_per_1000) as underlying_per_1000,
        coalesce(reliability, 0) * chance_variance as underlying_variance
    from with_dispersion
),

-- A 95% interval for each rank (Mogstad, Romano, Shaikh and Wilhelm 2024, with Bonferroni's
-- bound): compare the CCG's underlying rate with every other CCG's at a level that holds for all
-- rank_of - 1 comparisons at once; the CCGs surely above it set its best rank, those surely below
-- its worst.
pairs as (
    select
        this.basis,
        this.measure,
        this.specialty,
        this.ccg_code,
        other.underlying_per_1000 - this.underlying_per_1000 as other_minus_this,
        this.critical_z * sqrt(this.underlying_variance + other.underlying_variance) as margin
    from (
        select
            *,
            {{ normal_quantile('1 - 0.025 / nullif(rank_of - 1, 0)') }} as critical_z
        from underlying
    ) as this
    inner join underlying as other
        on
            this.basis = other.basis
            and this.measure = other.measure
            and this.specialty = other.specialty
            and this.ccg_code != other.ccg_code
),

surely_apart as (
    select
        basis,
        measure,
        specialty,
        ccg_code,
        count(case when other_minus_this > margin then 1 end) as surely_above,
        count(case when -other_minus_this > margin then 1 end) as surely_below
    from pairs
    group by
        basis,
        measure,
        specialty,
        ccg_code
),

final as (
    select
        underlying.basis,
        underlying.ccg_code,
        underlying.ccg_name,
        underlying.measure,
        underlying.specialty,
        underlying.window_start,
        underlying.window_end,
        underlying.months,
        underlying.pathways,
        underlying.population,
        underlying.need_weighted_population,
        underlying.denominator,
        underlying.need_index_year_earliest,
        underlying.need_index_year_latest,
        underlying.per_1000,
        underlying.per_1000_lower_95,
        underlying.per_1000_upper_95,
        underlying.per_1000_lower_998,
        underlying.per_1000_upper_998,
        underlying.england_per_1000,
        underlying.expected_pathways,
        underlying.funnel_lower_95,
        underlying.funnel_upper_95,
        underlying.funnel_lower_998,
        underlying.funnel_upper_998,
        {{ funnel_position('underlying.per_1000', 'underlying.funnel') }} as vs_england,
        underlying.overdispersion_phi,
        sqrt(underlying.between_ccg_variance) as between_ccg_sd_per_1000,
        underlying.overdispersed_lower_95,
        underlying.overdispersed_upper_95,
        underlying.overdispersed_lower_998,
        underlying.overdispersed_upper_998,
        {{ funnel_position('underlying.per_1000', 'underlying.overdispersed') }} as vs_england_overdispersed,
        underlying.underlying_per_1000,
        sqrt(underlying.underlying_variance) as underlying_sd_per_1000,
        underlying.national_rank,
        cast(1 + coalesce(surely_apart.surely_above, 0) as bigint) as rank_lower_95,
        cast(underlying.rank_of - coalesce(surely_apart.surely_below, 0) as bigint) as rank_upper_95,
        underlying.rank_of,
        underlying.absent_provider_pathways
        / nullif(underlying.pathways + underlying.absent_provider_pathways, 0) as absent_provider_share,
        {{ incomplete_data_flag(
            'underlying.absent_provider_pathways / nullif(underlying.pathways + underlying.absent_provider_pathways, 0)'
        ) }} as incomplete_data_flag,
        underlying.months_code_published_as_other_ccg > 0 as area_caveat_flag,
        underlying.population_source,
        underlying.population_vintage_earliest,
        underlying.population_vintage_latest,
        measures.counted_as,
        {{ monthly_forms(rates, relation='underlying') }}
    from underlying
    inner join measures on underlying.measure = measures.measure
    left join surely_apart
        on
            underlying.basis = surely_apart.basis
            and underlying.measure = surely_apart.measure
            and underlying.specialty = surely_apart.specialty
            and underlying.ccg_code = surely_apart.ccg_code
)

select * from final
