from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0005_profile_links_documents_catalogue"),
        ("expo", "0003_livestream_and_partners"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="exhibitor",
            index=models.Index(fields=["name", "id"], name="exhibitor_name_order"),
        ),
    ]
