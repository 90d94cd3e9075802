import csv
from pathlib import Path

from django.db import migrations

REGIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "regions_kabkota.csv"


def load_regions(apps, schema_editor):
    Province = apps.get_model("expo", "Province")
    Region = apps.get_model("expo", "Region")
    with REGIONS_CSV.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    Province.objects.bulk_create(
        Province(code=row["code"], name=row["name"]) for row in rows if row["level"] == "provinsi"
    )
    Region.objects.bulk_create(
        Region(
            code=row["code"],
            province_id=row["province_code"],
            kind=row["type"],
            name=row["name"],
            short_name=row["short_name"],
        )
        for row in rows
        if row["level"] == "kabkota"
    )


def unload_regions(apps, schema_editor):
    apps.get_model("expo", "Region").objects.all().delete()
    apps.get_model("expo", "Province").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("expo", "0001_regions_and_editions")]

    operations = [migrations.RunPython(load_regions, unload_regions)]
