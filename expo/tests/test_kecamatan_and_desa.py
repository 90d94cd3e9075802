import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import Count, F

from expo.models import Desa, Kecamatan, Region

pytestmark = pytest.mark.django_db

load_migration = importlib.import_module("expo.migrations.0011_load_kecamatan_and_desa")


def test_every_kecamatan_and_desa_loaded_with_their_kemendagri_codes():
    assert Kecamatan.objects.count() == 7285
    assert Desa.objects.count() == 83762
    assert Desa.objects.filter(kind=Desa.Kind.DESA).count() == 75266
    assert Desa.objects.filter(kind=Desa.Kind.KELURAHAN).count() == 8496


def test_kecamatan_bonang_lies_in_kabupaten_demak():
    bonang = Kecamatan.objects.select_related("region__province").get(code="33.21.12")
    assert (bonang.name, bonang.region.name, bonang.region.province.name) == (
        "Bonang",
        "Kabupaten Demak",
        "Jawa Tengah",
    )
    assert bonang.desa.get(code="33.21.12.2001").kecamatan_id == "33.21.12"


def test_each_code_begins_with_its_parents_code():
    assert Kecamatan.objects.exclude(code__startswith=F("region_id")).count() == 0
    assert Desa.objects.exclude(code__startswith=F("kecamatan_id")).count() == 0
    # The Kemendagri numbering: a kelurahan's last part starts with 1, a desa's with 2 (or
    # 3, the desa adat of Papua).
    assert Desa.objects.filter(kind="kelurahan").exclude(code__regex=r"\.1\d{3}$").count() == 0
    assert Desa.objects.filter(kind="desa").exclude(code__regex=r"\.[23]\d{3}$").count() == 0


def test_every_regency_and_city_has_its_kecamatan_and_every_kecamatan_its_desa():
    assert Region.objects.annotate(n=Count("kecamatan")).filter(n=0).count() == 0
    assert Kecamatan.objects.annotate(n=Count("desa")).filter(n=0).count() == 0


def test_the_load_is_reversible():
    assert all(operation.reversible for operation in load_migration.Migration.operations)
    with connection.schema_editor() as schema_editor:
        load_migration.unload_kecamatan_and_desa(apps, schema_editor)
        assert (Kecamatan.objects.count(), Desa.objects.count()) == (0, 0)
        load_migration.load_kecamatan_and_desa(apps, schema_editor)
    assert (Kecamatan.objects.count(), Desa.objects.count()) == (7285, 83762)
    assert Kecamatan.objects.get(code="33.21.12").region_id == "33.21"
