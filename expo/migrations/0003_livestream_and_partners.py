import django.db.models.deletion
from django.db import migrations, models

import core.youtube
import expo.models


class Migration(migrations.Migration):
    dependencies = [
        ("expo", "0002_load_regions"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="livestream_url",
            field=expo.models.WebURLField(
                blank=True,
                help_text="A YouTube link; visitors load it only when they tap it.",
                validators=[core.youtube.validate_video_url],
                verbose_name="livestream",
            ),
        ),
        migrations.CreateModel(
            name="Partner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("organiser", "Organiser"),
                            ("supporter", "Supported by"),
                            ("sponsor", "Sponsor"),
                            ("media", "Media partner"),
                        ],
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                ("website", expo.models.WebURLField(blank=True, verbose_name="website")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                (
                    "edition",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partners",
                        to="expo.edition",
                        verbose_name="edition",
                    ),
                ),
            ],
            options={
                "verbose_name": "partner",
                "verbose_name_plural": "partners",
                "ordering": ["edition", "position", "pk"],
            },
        ),
    ]
