import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.core.validators
from django.conf import settings
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitors", "0003_product_photos"),
        ("expo", "0002_load_regions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        TrigramExtension(),
        migrations.AlterModelOptions(
            name="product",
            options={
                "ordering": ["exhibitor", "position", "pk"],
                "verbose_name": "product",
                "verbose_name_plural": "products",
            },
        ),
        migrations.AddField(
            model_name="application",
            name="featured_products",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="exhibitors.product",
                verbose_name="products to feature",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="preferred_booth_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("standard", "Standard"),
                    ("corner", "Corner"),
                    ("food", "Food (with water)"),
                    ("institution", "Institution"),
                ],
                max_length=12,
                verbose_name="booth needed",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="preferred_zone",
            field=models.CharField(
                blank=True,
                help_text="e.g. Zona Kuliner",
                max_length=40,
                verbose_name="preferred zone",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="staff_count",
            field=models.PositiveSmallIntegerField(
                default=1,
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(10),
                ],
                verbose_name="staff at the booth",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="category",
            field=models.CharField(
                choices=[
                    ("kuliner", "Culinary (kuliner)"),
                    ("fesyen", "Fashion (fesyen)"),
                    ("wastra", "Batik and traditional textiles (wastra)"),
                    ("kriya", "Crafts (kriya)"),
                    ("aksesoris", "Accessories"),
                    ("furnitur", "Furniture"),
                    ("kecantikan", "Beauty and herbal products"),
                    ("agro", "Farm and fishery produce"),
                    ("jasa", "Services (jasa)"),
                    ("lainnya", "Other"),
                ],
                default="lainnya",
                max_length=12,
                verbose_name="category",
            ),
            preserve_default=False,
        ),
        migrations.RunSQL(
            "UPDATE exhibitors_product p SET category = e.category"
            " FROM exhibitors_exhibitor e WHERE e.id = p.exhibitor_id",
            migrations.RunSQL.noop,
        ),
        migrations.AddField(
            model_name="product",
            name="is_halal",
            field=models.BooleanField(default=False, verbose_name="halal"),
        ),
        migrations.AddField(
            model_name="product",
            name="is_published",
            field=models.BooleanField(
                default=True,
                help_text="Hidden products stay in your list.",
                verbose_name="shown to visitors",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="position",
            field=models.PositiveIntegerField(default=0, verbose_name="position"),
        ),
        migrations.AddField(
            model_name="product",
            name="price_max",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="Only for a price range, e.g. sizes or variants.",
                null=True,
                verbose_name="highest price (Rp)",
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="unit",
            field=models.CharField(
                blank=True, help_text="e.g. per 250 g", max_length=40, verbose_name="unit"
            ),
        ),
        migrations.AddField(
            model_name="exhibitor",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.SearchVector(
                        "name", config="indonesian", weight="A"
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "description", config="indonesian", weight="B"
                    ),
                    django.contrib.postgres.search.SearchConfig("indonesian"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddField(
            model_name="product",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.SearchVector(
                        "name", config="indonesian", weight="A"
                    ),
                    "||",
                    django.contrib.postgres.search.SearchVector(
                        "description", config="indonesian", weight="B"
                    ),
                    django.contrib.postgres.search.SearchConfig("indonesian"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="exhibitor",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="exhibitor_search"
            ),
        ),
        migrations.AddIndex(
            model_name="exhibitor",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["name"], name="exhibitor_name_trgm", opclasses=["gin_trgm_ops"]
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="product_search"
            ),
        ),
        migrations.AddIndex(
            model_name="product",
            index=models.Index(fields=["exhibitor", "position"], name="product_exhibitor_position"),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(("staff_count__gte", 1), ("staff_count__lte", 10)),
                name="application_staff_count_in_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="product",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("price_max__isnull", True),
                    ("price_max__gt", models.F("price")),
                    _connector="OR",
                ),
                name="product_price_range_ascending",
            ),
        ),
    ]
