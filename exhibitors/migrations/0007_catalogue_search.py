"""The catalogue words of each exhibitor, kept by triggers on the product table.

Statement-level triggers with transition tables: a bulk insert of 100,000 products (the
scale edition) refreshes each exhibitor once per statement, not once per product.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

CATALOGUE_SQL = """
ALTER TABLE exhibitors_catalogue
    ADD CONSTRAINT exhibitors_catalogue_exhibitor_fk FOREIGN KEY (exhibitor_id)
    REFERENCES exhibitors_exhibitor (id) ON DELETE CASCADE;

-- The words of the exhibitors' published products, as the product's own search vector
-- reads them (names and descriptions, the 'indonesian' configuration).
CREATE FUNCTION exhibitors_catalogue_refresh(exhibitors bigint[]) RETURNS void
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

CREATE FUNCTION exhibitors_catalogue_on_product_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM exhibitors_catalogue_refresh(ARRAY(SELECT DISTINCT exhibitor_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM exhibitors_catalogue_refresh(ARRAY(SELECT DISTINCT exhibitor_id FROM old_rows));
    ELSE
        PERFORM exhibitors_catalogue_refresh(ARRAY(
            SELECT exhibitor_id FROM old_rows UNION SELECT exhibitor_id FROM new_rows
        ));
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER catalogue_after_insert AFTER INSERT ON exhibitors_product
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION exhibitors_catalogue_on_product_change();
CREATE TRIGGER catalogue_after_update AFTER UPDATE ON exhibitors_product
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION exhibitors_catalogue_on_product_change();
CREATE TRIGGER catalogue_after_delete AFTER DELETE ON exhibitors_product
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION exhibitors_catalogue_on_product_change();

SELECT exhibitors_catalogue_refresh(ARRAY(SELECT DISTINCT exhibitor_id FROM exhibitors_product));
"""

DROP_CATALOGUE_SQL = """
DROP TRIGGER catalogue_after_insert ON exhibitors_product;
DROP TRIGGER catalogue_after_update ON exhibitors_product;
DROP TRIGGER catalogue_after_delete ON exhibitors_product;
DROP FUNCTION exhibitors_catalogue_on_product_change();
DROP FUNCTION exhibitors_catalogue_refresh(bigint[]);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0006_directory_order_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="Catalogue",
            fields=[
                (
                    "exhibitor",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="exhibitors.exhibitor",
                    ),
                ),
                ("search_vector", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="catalogue_search"
                    )
                ],
            },
        ),
        migrations.RunSQL(CATALOGUE_SQL, reverse_sql=DROP_CATALOGUE_SQL),
    ]
