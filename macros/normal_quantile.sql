{#- The standard normal quantile Φ⁻¹(p), 0 < p < 1, by Acklam's rational approximation (relative
    error below 1.2e-9), since neither DuckDB nor Spark has one: a central region and the two
    tails. Used for critical values that depend on a count known only at run time (the Bonferroni
    z of the rank intervals, int_area_rank_intervals). -#}
{% macro normal_quantile(probability) -%}
    {%- set p = 'cast(' ~ probability ~ ' as double)' -%}
    {%- set a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.3577518672690,
                 -30.66479806614716, 2.506628277459239] -%}
    {%- set b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572] -%}
    {%- set c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
                 4.374664141464968, 2.938163982698783] -%}
    {%- set d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416] -%}
    {%- set tail_q = 'sqrt(-2 * ln(least(' ~ p ~ ', 1 - ' ~ p ~ ')))' -%}
    {%- set central_q = '(' ~ p ~ ' - 0.5)' -%}
    {%- set central_r = '(' ~ central_q ~ ' * ' ~ central_q ~ ')' -%}
    case
        when {{ p }} <= 0 or {{ p }} >= 1 then null
        when {{ p }} between 0.02425 and 0.97575 then
            {{ horner(a, central_r) }} * {{ central_q }} / ({{ horner(b, central_r) }} * {{ central_r }} + 1)
        else
            sign({{ p }} - 0.5) * -1 * {{ horner(c, tail_q) }} / ({{ horner(d, tail_q) }} * {{ tail_q }} + 1)
    end
{%- endmacro %}

{#- c0·x^(n-1) + c1·x^(n-2) + … + c(n-1), written as nested products. -#}
{% macro horner(coefficients, x) -%}
    {%- set ns = namespace(expression=coefficients[0] | string) -%}
    {%- for coefficient in coefficients[1:] -%}
        {%- set ns.expression = '(' ~ ns.expression ~ ') * ' ~ x ~ ' + (' ~ coefficient ~ ')' -%}
    {%- endfor -%}
    ({{ ns.expression }})
{%- endmacro %}
