"""The admin's list of applications reads the newest first from an index.

With 100,000 applications the list sorted them all to show 100; now PostgreSQL reads the
100 newest in order, of every edition, of one edition, or of one status
(exhibitors.admin.ApplicationAdmin.ordering).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0020_application_reports_sales"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["-submitted_at", "-id"], name="application_newest_first"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["edition", "-submitted_at", "-id"], name="application_edition_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["status", "-submitted_at", "-id"], name="application_status_newest"
            ),
        ),
    ]
