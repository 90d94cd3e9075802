import re

from django.db import migrations

PREFIX = re.compile(r"^(kecamatan|kec\.?)\s+", re.IGNORECASE)


def comparable(name):
    """``Kec. Ungaran  Barat`` → ``ungaran barat``: as people type a kecamatan's name."""
    return " ".join(PREFIX.sub("", name.strip()).split()).casefold()


def match_typed_kecamatan(apps, schema_editor):
    """Give each profile the kecamatan its owner typed, where the name is that of exactly
    one kecamatan of the profile's regency or city; the others keep the text, and their
    owners choose from the list."""
    Exhibitor = apps.get_model("exhibitors", "Exhibitor")
    Kecamatan = apps.get_model("expo", "Kecamatan")
    codes = {}
    for code, region, name in Kecamatan.objects.values_list("code", "region_id", "name"):
        codes.setdefault((region, comparable(name)), []).append(code)
    matched = []
    for exhibitor in Exhibitor.objects.exclude(kecamatan_as_typed="").only(
        "region_id", "kecamatan_as_typed"
    ):
        candidates = codes.get((exhibitor.region_id, comparable(exhibitor.kecamatan_as_typed)))
        if candidates is not None and len(candidates) == 1:
            exhibitor.kecamatan_id = candidates[0]
            exhibitor.kecamatan_as_typed = ""
            matched.append(exhibitor)
    Exhibitor.objects.bulk_update(matched, ["kecamatan", "kecamatan_as_typed"], batch_size=1000)


def unmatch_typed_kecamatan(apps, schema_editor):
    """Back to free text: the name of each profile's kecamatan."""
    Exhibitor = apps.get_model("exhibitors", "Exhibitor")
    chosen = list(Exhibitor.objects.filter(kecamatan__isnull=False).select_related("kecamatan"))
    for exhibitor in chosen:
        exhibitor.kecamatan_as_typed = exhibitor.kecamatan.name
        exhibitor.kecamatan = exhibitor.desa = None
    Exhibitor.objects.bulk_update(
        chosen, ["kecamatan", "desa", "kecamatan_as_typed"], batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [("exhibitors", "0022_kecamatan_and_desa_from_the_official_lists")]

    operations = [migrations.RunPython(match_typed_kecamatan, unmatch_typed_kecamatan)]
