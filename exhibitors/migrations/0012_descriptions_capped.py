"""Descriptions capped at what a person writes, and a catalogue's words at what one text
search vector holds.

PostgreSQL refuses a tsvector over 1 MB, which a catalogue of many long descriptions
could reach: its refresh would then fail, and with it the save of the product. The
catalogue now takes the first 100,000 characters of its published products' words, which
stay well under the limit whatever the words are (each character at most four bytes of
lexeme, each word a few bytes of position and entry).
"""

import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models

REFRESH = """
CREATE OR REPLACE FUNCTION exhibitors_catalogue_refresh(exhibitors bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO exhibitors_catalogue (exhibitor_id, search_vector, published_products)
    SELECT exhibitor.id, to_tsvector('indonesian', left(coalesce(published.words, ''), 100000)),
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
"""

# As migration 0010 created it.
PREVIOUS_REFRESH = REFRESH.replace(
    "left(coalesce(published.words, ''), 100000)", "coalesce(published.words, '')"
)


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0011_figures_read_from_indexes"),
        ("expo", "0003_livestream_and_partners"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="exhibitor",
            name="description",
            field=models.TextField(blank=True, max_length=5000, verbose_name="description"),
        ),
        migrations.AlterField(
            model_name="product",
            name="description",
            field=models.TextField(blank=True, max_length=5000, verbose_name="description"),
        ),
        migrations.AddConstraint(
            model_name="exhibitor",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("description"), 5000
                ),
                name="exhibitor_description_length",
            ),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(
                condition=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.text.Length("description"), 5000
                ),
                name="product_description_length",
            ),
        ),
        migrations.RunSQL(REFRESH, reverse_sql=PREVIOUS_REFRESH),
    ]
