"""Malformed input, generated: no public or owner form answers it with a server error.

Each form gets its own fields filled with whatever hypothesis makes of them (any text,
control characters, numbers far past every bound, the ways people write rupiah), and a
raw body that is no form at all.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exhibitors.forms import (
    ApplicationForm,
    DeleteAccountForm,
    ExhibitorForm,
    OnlineLinkForm,
    ProductForm,
)
from exhibitors.questions import APPLICATION_QUESTIONS
from exhibitors.tests.factories import ExhibitorFactory, ProductFactory
from expo.tests.factories import EditionFactory
from visitors.filters import DirectoryFilter, ProductFilter

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

values = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "1e309",
            "NaN",
            "Infinity",
            "9" * 40,
            "Rp 1.500.000",
            "1.500.000,50",
            "Rp-5",
            "٣٣.٢٢",
            "\u202egnp.exe",
            "x" * 6000,
        ]
    ),
)


def form_data(fields):
    return st.dictionaries(st.sampled_from(sorted(fields)), values, max_size=len(fields))


@pytest.fixture
def open_edition():
    return EditionFactory(slug="kasmex-2030")


@pytest.fixture
def catalogue(owner):
    exhibitor = ExhibitorFactory(owner=owner)
    return ProductFactory(exhibitor=exhibitor)


OWNER_FORMS = {
    "profile_edit": (ExhibitorForm, {}),
    "product_create": (ProductForm, {}),
    "product_update": (ProductForm, {"pk"}),
    "links": (OnlineLinkForm, {}),
    "apply": (ApplicationForm, {"edition_slug"}),
    "account_delete": (DeleteAccountForm, {}),
    "documents": (None, {}),
    "logo_upload": (None, {}),
    "product_photo_add": (None, {"pk"}),
    "product_move": (None, {"pk"}),
    "product_visibility": (None, {"pk"}),
}


def owner_url(name, parameters, product, edition):
    kwargs = {"pk": product.pk, "edition_slug": edition.slug}
    return reverse(name, kwargs={key: kwargs[key] for key in parameters})


@pytest.mark.parametrize("name", sorted(OWNER_FORMS))
def test_owner_forms_never_answer_with_a_server_error(client, catalogue, open_edition, name):
    form_class, parameters = OWNER_FORMS[name]
    fields = set(form_class.base_fields) if form_class else {"kind", "file", "direction"}
    if form_class is ApplicationForm:  # and the questions the apps above add to it
        fields |= {question.name for question in APPLICATION_QUESTIONS}
    url = owner_url(name, parameters, catalogue, open_edition)

    @FUZZ
    @given(data=form_data(fields | {"choose_province", "province"}))
    def post(data):
        assert client.post(url, data).status_code < 500

    @FUZZ
    @given(body=st.binary(max_size=200))
    def post_raw(body):
        response = client.post(url, body, content_type="application/octet-stream")
        assert response.status_code < 500

    post()
    post_raw()


PUBLIC_FILTERS = {
    "participant_list": DirectoryFilter,
    "product_search": ProductFilter,
}


@pytest.mark.parametrize("name", sorted(PUBLIC_FILTERS))
def test_public_searches_never_answer_with_a_server_error(client, open_edition, name):
    ProductFactory()
    url = reverse(name, kwargs={"edition_slug": open_edition.slug})
    fields = set(PUBLIC_FILTERS[name].base_filters) | {"page"}

    @FUZZ
    @given(query=form_data(fields))
    def search(query):
        assert client.get(url, query).status_code < 500

    search()


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/akun/signup/", {"email", "password1", "password2"}),
        ("/akun/login/", {"login", "password", "remember"}),
        ("/akun/password/reset/", {"email"}),
    ],
)
def test_account_forms_never_answer_with_a_server_error(client, url, fields):
    @FUZZ
    @given(data=form_data(fields))
    def post(data):
        assert client.post(url, data).status_code < 500

    post()
