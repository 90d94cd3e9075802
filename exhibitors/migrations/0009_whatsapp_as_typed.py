"""WhatsApp numbers taken as people write them, normalised by the field itself."""

from django.db import migrations

import exhibitors.models


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0008_catalogue_skips_unchanged_words"),
    ]

    operations = [
        migrations.AlterField(
            model_name="exhibitor",
            name="whatsapp",
            field=exhibitors.models.PhoneNumberField(
                blank=True,
                help_text="e.g. 0812-3456-7890",
                max_length=16,
                verbose_name="WhatsApp number",
            ),
        ),
    ]
