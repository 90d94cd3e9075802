"""The catalogue triggers move onto the product model (``exhibitors.triggers``), where
django-pgtrigger installs them: the triggers and functions that migrations 0007, 0008,
0010 and 0012 wrote by hand go, the same triggers come back under the library's names.
"""

import importlib

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

# The hand-written triggers as migrations 0007, 0008 and 0012 left them, for going back.
PREVIOUS_FUNCTIONS = (
    importlib.import_module("exhibitors.migrations.0012_descriptions_capped").REFRESH
    + importlib.import_module("exhibitors.migrations.0008_catalogue_skips_unchanged_words").FUNCTION
)
PREVIOUS_TRIGGERS = """
CREATE TRIGGER catalogue_after_insert AFTER INSERT ON exhibitors_product
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION exhibitors_catalogue_on_product_change();
CREATE TRIGGER catalogue_after_update AFTER UPDATE ON exhibitors_product
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION exhibitors_catalogue_on_product_change();
CREATE TRIGGER catalogue_after_delete AFTER DELETE ON exhibitors_product
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION exhibitors_catalogue_on_product_change();
"""
DROP_PREVIOUS = """
DROP TRIGGER catalogue_after_insert ON exhibitors_product;
DROP TRIGGER catalogue_after_update ON exhibitors_product;
DROP TRIGGER catalogue_after_delete ON exhibitors_product;
DROP FUNCTION exhibitors_catalogue_on_product_change();
DROP FUNCTION exhibitors_catalogue_refresh(bigint[]);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0013_address_choice_and_plain_names"),
    ]

    operations = [
        migrations.RunSQL(DROP_PREVIOUS, reverse_sql=PREVIOUS_FUNCTIONS + PREVIOUS_TRIGGERS),
        pgtrigger.migrations.AddTrigger(
            model_name="product",
            trigger=pgtrigger.compiler.Trigger(
                name="catalogue_after_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    INSERT INTO exhibitors_catalogue (exhibitor_id, search_vector, published_products)\n    SELECT exhibitor.id,\n        to_tsvector('indonesian', left(coalesce(published.words, ''), 100000)),\n        coalesce(published.count, 0)\n    FROM exhibitors_exhibitor exhibitor\n    LEFT JOIN LATERAL (\n        SELECT string_agg(product.name || ' ' || product.description, ' ') AS words,\n            count(*) AS count\n        FROM exhibitors_product product\n        WHERE product.exhibitor_id = exhibitor.id AND product.is_published\n    ) published ON true\n    WHERE exhibitor.id = ANY(ARRAY(SELECT DISTINCT exhibitor_id FROM new_rows))\n    ON CONFLICT (exhibitor_id) DO UPDATE SET\n        search_vector = excluded.search_vector,\n        published_products = excluded.published_products;\n    RETURN NULL;\n    ",
                    hash="089af3fc56e5ec54cfe327468696e081e9506534",
                    level="STATEMENT",
                    operation="INSERT",
                    pgid="pgtrigger_catalogue_after_insert_c3eaa",
                    referencing="REFERENCING NEW TABLE AS new_rows ",
                    table="exhibitors_product",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="product",
            trigger=pgtrigger.compiler.Trigger(
                name="catalogue_after_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    INSERT INTO exhibitors_catalogue (exhibitor_id, search_vector, published_products)\n    SELECT exhibitor.id,\n        to_tsvector('indonesian', left(coalesce(published.words, ''), 100000)),\n        coalesce(published.count, 0)\n    FROM exhibitors_exhibitor exhibitor\n    LEFT JOIN LATERAL (\n        SELECT string_agg(product.name || ' ' || product.description, ' ') AS words,\n            count(*) AS count\n        FROM exhibitors_product product\n        WHERE product.exhibitor_id = exhibitor.id AND product.is_published\n    ) published ON true\n    WHERE exhibitor.id = ANY(ARRAY(\n    SELECT unnest(ARRAY[old_row.exhibitor_id, new_row.exhibitor_id])\n    FROM old_rows old_row JOIN new_rows new_row ON new_row.id = old_row.id\n    WHERE (old_row.name, old_row.description, old_row.is_published, old_row.exhibitor_id)\n        IS DISTINCT FROM\n        (new_row.name, new_row.description, new_row.is_published, new_row.exhibitor_id)\n))\n    ON CONFLICT (exhibitor_id) DO UPDATE SET\n        search_vector = excluded.search_vector,\n        published_products = excluded.published_products;\n    RETURN NULL;\n    ",
                    hash="8dd2f7b1b3ebb456ffafe4d55bc6fcac6dd66f76",
                    level="STATEMENT",
                    operation="UPDATE",
                    pgid="pgtrigger_catalogue_after_update_7eb86",
                    referencing="REFERENCING OLD TABLE AS old_rows  NEW TABLE AS new_rows ",
                    table="exhibitors_product",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="product",
            trigger=pgtrigger.compiler.Trigger(
                name="catalogue_after_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="\n    INSERT INTO exhibitors_catalogue (exhibitor_id, search_vector, published_products)\n    SELECT exhibitor.id,\n        to_tsvector('indonesian', left(coalesce(published.words, ''), 100000)),\n        coalesce(published.count, 0)\n    FROM exhibitors_exhibitor exhibitor\n    LEFT JOIN LATERAL (\n        SELECT string_agg(product.name || ' ' || product.description, ' ') AS words,\n            count(*) AS count\n        FROM exhibitors_product product\n        WHERE product.exhibitor_id = exhibitor.id AND product.is_published\n    ) published ON true\n    WHERE exhibitor.id = ANY(ARRAY(SELECT DISTINCT exhibitor_id FROM old_rows))\n    ON CONFLICT (exhibitor_id) DO UPDATE SET\n        search_vector = excluded.search_vector,\n        published_products = excluded.published_products;\n    RETURN NULL;\n    ",
                    hash="1c93984544d9af118c7887f36a666afca1408020",
                    level="STATEMENT",
                    operation="DELETE",
                    pgid="pgtrigger_catalogue_after_delete_0a2a3",
                    referencing="REFERENCING OLD TABLE AS old_rows ",
                    table="exhibitors_product",
                    when="AFTER",
                ),
            ),
        ),
    ]
