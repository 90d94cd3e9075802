"""The catalogue trigger refreshes an exhibitor only when a product's words changed.

Reordering a catalogue or pricing a product updates rows without touching the words the
directory search reads (name, description, shown or hidden, whose product it is).
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION exhibitors_catalogue_on_product_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM exhibitors_catalogue_refresh(ARRAY(SELECT DISTINCT exhibitor_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM exhibitors_catalogue_refresh(ARRAY(SELECT DISTINCT exhibitor_id FROM old_rows));
    ELSE
        PERFORM exhibitors_catalogue_refresh(ARRAY(
            SELECT unnest(ARRAY[old_row.exhibitor_id, new_row.exhibitor_id])
            FROM old_rows old_row JOIN new_rows new_row ON new_row.id = old_row.id
            WHERE (old_row.name, old_row.description, old_row.is_published, old_row.exhibitor_id)
                IS DISTINCT FROM
                (new_row.name, new_row.description, new_row.is_published, new_row.exhibitor_id)
        ));
    END IF;
    RETURN NULL;
END;
$$;
"""

# As migration 0007 created it: every updated row refreshes its exhibitors.
PREVIOUS_FUNCTION = """
CREATE OR REPLACE FUNCTION exhibitors_catalogue_on_product_change() RETURNS trigger
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
"""


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0007_catalogue_search")]

    operations = [migrations.RunSQL(FUNCTION, reverse_sql=PREVIOUS_FUNCTION)]
