"""The catalogue counts each exhibitor's published products, for an edition's figures.

The catalogue triggers already refresh an exhibitor's row on every change that can alter
the count: a product added or deleted, shown or hidden, or moved to another exhibitor
(migration 0008).
"""

import django.db.models.deletion
from django.db import migrations, models

REFRESH = """
CREATE OR REPLACE FUNCTION exhibitors_catalogue_refresh(exhibitors bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO exhibitors_catalogue (exhibitor_id, search_vector, published_products)
    SELECT exhibitor.id, to_tsvector('indonesian', coalesce(published.words, '')),
        coalesce(published.count, 0)
    FROM exhibitors_exhibitor exhibitor
    LEFT JOIN LATERAL (
        SELECT string_agg(product.name || ' ' || product.description, ' ') AS words,
            count(*) AS count
        FROM exhibitors_product product
        WHERE product.exhibitor_id = exhibitor.id AND product.is_published
    ) published ON true
    WHERE exhibitor.id = ANY(exhibitors)
    ON CONFLICT (exhibitor_id) DO UPDATE SET
        search_vector = excluded.search_vector,
        published_products = excluded.published_products;
$$;

SELECT exhibitors_catalogue_refresh(ARRAY(SELECT DISTINCT exhibitor_id FROM exhibitors_product));
"""

# As migration 0007 created it.
PREVIOUS_REFRESH = """
CREATE OR REPLACE FUNCTION exhibitors_catalogue_refresh(exhibitors bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO exhibitors_catalogue (exhibitor_id, search_vector)
    SELECT exhibitor.id, to_tsvector('indonesian', coalesce((
        SELECT string_agg(product.name || ' ' || product.description, ' ')
        FROM exhibitors_product product
        WHERE product.exhibitor_id = exhibitor.id AND product.is_published
    ), ''))
    FROM exhibitors_exhibitor exhibitor
    WHERE exhibitor.id = ANY(exhibitors)
    ON CONFLICT (exhibitor_id) DO UPDATE SET search_vector = excluded.search_vector;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0009_whatsapp_as_typed")]

    operations = [
        migrations.AddField(
            model_name="catalogue",
            name="published_products",
            field=models.PositiveIntegerField(db_default=0),
        ),
        migrations.AlterField(  # a reverse accessor for the figures; no change in the database
            model_name="catalogue",
            name="exhibitor",
            field=models.OneToOneField(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                primary_key=True,
                related_name="catalogue",
                serialize=False,
                to="exhibitors.exhibitor",
            ),
        ),
        # Reversed before the column goes: the previous function does not write it.
        migrations.RunSQL(REFRESH, reverse_sql=PREVIOUS_REFRESH),
    ]
