{#- Byar's approximation to the exact Poisson confidence limits of a count (DuckDB has no
    chi-square quantile). Measured against the exact limits (tests/models): within 0.2% from a
    count of 30 up (from 10 at 95%); below that it drifts, to about 7% at a count of 5 for
    99.8% limits, and the lower limit is held at 0 where the formula goes below it.
    z = 1.959964 for 95%, 3.090232 for 99.8%. Divide by the population for a rate's limits. The count is taken as a double, so every engine
    does the same floating-point arithmetic. -#}
{% macro poisson_lower(count, z) -%}
    {%- set n = 'cast(' ~ count ~ ' as double)' -%}
    case
        when {{ n }} <= 0 then 0.0
        else greatest(0.0, {{ n }} * power(1 - 1 / (9 * {{ n }}) - {{ z }} / (3 * sqrt({{ n }})), 3))
    end
{%- endmacro %}

{% macro poisson_upper(count, z) -%}
    {%- set n = 'cast(' ~ count ~ ' as double)' -%}
    ({{ n }} + 1) * power(1 - 1 / (9 * ({{ n }} + 1)) + {{ z }} / (3 * sqrt({{ n }} + 1)), 3)
{%- endmacro %}

{#- The same limits for a count whose variance is `inflation` times a Poisson count's (the
    quasi-Poisson model; int_extra_poisson_dispersion): the limits of count ÷ inflation, scaled
    back up. At inflation 1 they are the Poisson limits. -#}
{% macro scaled_poisson_lower(count, z, inflation) -%}
    {{ inflation }} * {{ poisson_lower('(' ~ count ~ ') / ' ~ inflation, z) }}
{%- endmacro %}

{% macro scaled_poisson_upper(count, z, inflation) -%}
    {{ inflation }} * {{ poisson_upper('(' ~ count ~ ') / ' ~ inflation, z) }}
{%- endmacro %}
