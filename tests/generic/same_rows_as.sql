{#- The model has as many rows as `other`: a join that should neither add nor drop a row did
    neither. Returns one row, the two counts, when they differ. -#}
{% test same_rows_as(model, other) %}

    select
        (select count(*) from {{ model }}) as model_rows,
        (select count(*) from {{ other }}) as other_rows
    where (select count(*) from {{ model }}) <> (select count(*) from {{ other }})

{% endtest %}
