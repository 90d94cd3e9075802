"""No constraint name and no wrongly translated Django default reaches a screen: every
constraint and every unique field of the project's models says in the user's language
what is wrong.

Django's own Indonesian for two fields unique together says the row does *not* exist
("… tidak ada"), so no model of ours may fall back on it.
"""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

from expo.models import Edition
from expo.tests.factories import EditionFactory


def project_models():
    """The models of the project's own apps: the packages at the top of the checkout."""
    return [
        model
        for model in apps.get_models()
        if Path(model._meta.app_config.path).parent == Path(settings.BASE_DIR)
    ]


def in_both_languages(message):
    with translation.override("en"):
        english = str(message)
    with translation.override("id"):
        indonesian = str(message)
    return english, indonesian


def constraint_messages():
    return [
        (f"{model._meta.label}.{constraint.name}", constraint)
        for model in project_models()
        for constraint in model._meta.constraints
    ]


def unique_fields():
    return [
        (f"{model._meta.label}.{field.name}", field)
        for model in project_models()
        for field in model._meta.concrete_fields
        if field.unique and not field.auto_created
    ]


def test_the_project_models_are_walked():
    assert {model._meta.app_label for model in project_models()} == {
        "expo",
        "exhibitors",
        "booths",
        "outcomes",
        "guests",
        "buyers",
        "meetings",
    }


def test_every_constraint_has_its_own_message_in_both_languages():
    untold = []
    for label, constraint in constraint_messages():
        english, indonesian = in_both_languages(constraint.violation_error_message)
        django_default = in_both_languages(constraint.default_violation_error_message)[0]
        if english in (django_default, indonesian):
            untold.append(label)

    assert untold == []


def test_every_unique_field_has_its_own_message_in_both_languages():
    django_default = in_both_languages(models.Field.default_error_messages["unique"])[0]
    untold = []
    for label, field in unique_fields():
        english, indonesian = in_both_languages(field.error_messages["unique"])
        if english in (django_default, indonesian):
            untold.append(label)

    assert untold == []


@pytest.mark.django_db
def test_an_edition_ending_before_it_starts_is_refused_in_indonesian():
    edition = EditionFactory.build()
    edition.ends_on = edition.starts_on - datetime.timedelta(days=1)

    with translation.override("id"), pytest.raises(ValidationError) as error:
        edition.validate_constraints()

    assert error.value.messages == ["Hari terakhir tidak boleh sebelum hari pertama."]


@pytest.mark.django_db
def test_a_slug_taken_by_another_edition_is_refused_in_indonesian():
    EditionFactory(slug="kasmex-2031")
    edition = EditionFactory.build(slug="kasmex-2031")

    with translation.override("id"), pytest.raises(ValidationError) as error:
        edition.validate_unique()

    assert error.value.message_dict == {"slug": ["Alamat web ini sudah dipakai edisi lain."]}
    assert Edition.objects.filter(slug="kasmex-2031").count() == 1
