"""The apps' layers hold in templates too: a template loads no tag library of an app above
its own. The order is the import-linter contract's, read from pyproject.toml."""

import re
import tomllib
from pathlib import Path

from django.apps import apps as django_apps
from django.template import engines

ROOT = Path(__file__).resolve().parents[2]
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def layers():
    """Each app's layer as the contract orders them, 0 the highest; apps side by side
    (``visitors | console``) share one."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [contract] = config["tool"]["importlinter"]["contracts"]
    return {
        app.strip(): rank
        for rank, layer in enumerate(contract["layers"])
        for app in layer.split("|")
    }


def app_of_template(path):
    """The app whose folder a template is in (``admin/<app>/…`` counts as the app's)."""
    parts = path.parts[1:] if path.parts[0] == "admin" else path.parts
    return parts[0] if len(parts) > 1 and parts[0] in layers() else "core"


def test_no_template_loads_the_tags_of_a_higher_app():
    order = layers()
    libraries = engines["django"].engine.libraries  # name: module path
    crossings = set()
    for template in sorted((ROOT / "templates").rglob("*.html")):
        path = template.relative_to(ROOT / "templates")
        app = app_of_template(path)
        for names in LOAD.findall(template.read_text()):
            for name in names.split():
                owner = libraries.get(name, "").split(".")[0]
                if owner in order and order[owner] < order[app]:
                    crossings.add((str(path), name))

    assert crossings == set()


def test_the_template_check_places_templates_in_their_apps():
    order = layers()

    assert order["booths"] < order[app_of_template(Path("exhibitors/dashboard.html"))]
    assert app_of_template(Path("visitors/participant_detail.html")) == "visitors"
    assert app_of_template(Path("admin/booths/board.html")) == "booths"
    assert app_of_template(Path("base.html")) == "core"


def upward_names():
    """For each app, the names by which the models of the apps above it reach its models
    and the ones below: the reverse relations their foreign keys add (``assignment``,
    ``edition.booths``…), which the app would follow upward with no import to show it."""
    order = layers()
    names = {app: set() for app in order}
    for model in django_apps.get_models():
        target = model._meta.app_label
        for relation in model._meta.related_objects:
            source = relation.related_model._meta.app_label
            if target not in order or source not in order:
                continue
            for app in order:
                # Above the app or beside it, to a model of the app or one below it.
                if app != source and order[source] <= order[app] <= order[target]:
                    names[app] |= {
                        relation.get_accessor_name(),
                        relation.field.related_query_name(),
                    }
    return {app: {name for name in found if name and name != "+"} for app, found in names.items()}


# The project package's settings and URLs gather every app, as in the import contract.
PROJECT_MODULES = {ROOT / "expo" / "settings.py", ROOT / "expo" / "urls.py"}


def sources(app):
    """The app's own code and templates: not its tests, whose data may come from above,
    nor its migrations, which are history."""
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = set(path.relative_to(ROOT / app).parts)
        if not {"tests", "migrations"} & parts and path not in PROJECT_MODULES:
            yield path
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if app_of_template(path.relative_to(ROOT / "templates")) == app:
            yield path


def test_no_app_reaches_upward_through_a_relation():
    crossings = []
    for app, names in upward_names().items():
        if not names:
            continue
        alternatives = "|".join(sorted(map(re.escape, names)))
        # An ORM path (``assignment__booth``), an attribute (``edition.booths``) or a name
        # given as a string (``select_related("assignment")``).
        pattern = re.compile(
            rf"\b({alternatives})__|\.({alternatives})\b|[\"']({alternatives})[\"']"
        )
        for path in sources(app):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    crossings.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")

    assert crossings == []


def test_the_relation_check_knows_the_names_that_cross():
    names = upward_names()

    assert {"assignment", "booths", "venue_image"} <= names["exhibitors"]
    assert "applications" not in names["exhibitors"]
    assert {"applications", "booths"} <= names["expo"]
    assert names["visitors"] == set()
