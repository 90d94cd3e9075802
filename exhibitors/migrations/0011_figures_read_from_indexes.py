"""An edition's figures read each participant's region and product count from indexes.

Both tables are read whole for a big edition; the catalogue's rows are wide (the words of
every product), so its count is read from a narrow index instead, and the exhibitor's
region likewise (exhibitors.selectors.edition_figures).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0010_catalogue_counts_published_products"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="catalogue",
            index=models.Index(
                fields=["exhibitor"], include=("published_products",), name="catalogue_count"
            ),
        ),
        migrations.AddIndex(
            model_name="exhibitor",
            index=models.Index(fields=["id"], include=("region",), name="exhibitor_region"),
        ),
    ]
