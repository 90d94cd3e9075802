"""The catalogue triggers the database runs are the ones the product model declares."""

import pytest
from django.db import connection

from exhibitors.models import Product

pytestmark = pytest.mark.django_db


def test_the_migrations_install_the_catalogue_triggers_as_the_model_declares_them():
    statuses = {
        trigger.name: trigger.get_installation_status(Product) for trigger in Product._meta.triggers
    }

    assert statuses == {
        "catalogue_after_insert": ("INSTALLED", True),
        "catalogue_after_update": ("INSTALLED", True),
        "catalogue_after_delete": ("INSTALLED", True),
        "product_featured_limit": ("INSTALLED", True),
    }


def test_no_hand_written_catalogue_trigger_is_left_beside_them():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger"
            " WHERE tgrelid = 'exhibitors_product'::regclass AND NOT tgisinternal"
        )
        names = {name for (name,) in cursor.fetchall()}

    assert names == {trigger.get_pgid(Product) for trigger in Product._meta.triggers}
    assert len(names) == 4  # the catalogue's three, and the featured products' limit
