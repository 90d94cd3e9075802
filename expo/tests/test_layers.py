"""The apps' layers hold in templates too: a template loads no tag library of an app above
its own. The order is the import-linter contract's, read from pyproject.toml."""

import re
import tomllib
from pathlib import Path

from django.template import engines

ROOT = Path(__file__).resolve().parents[2]
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
# Crossings that are still there, to go when the edition cockpit moves above the domain
# apps; none may be added.
KNOWN_CROSSINGS = {
    ("admin/exhibitors/application/change_list.html", "booth_counters"),
    ("admin/expo/edition/change_form.html", "booth_counters"),
}


def layers():
    """The apps, highest first, as the contract orders them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [contract] = config["tool"]["importlinter"]["contracts"]
    return contract["layers"]


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
                if owner in order and order.index(owner) < order.index(app):
                    crossings.add((str(path), name))

    assert crossings == KNOWN_CROSSINGS


def test_the_template_check_places_templates_in_their_apps():
    order = layers()

    assert order.index("booths") < order.index(app_of_template(Path("exhibitors/dashboard.html")))
    assert app_of_template(Path("visitors/participant_detail.html")) == "visitors"
    assert app_of_template(Path("admin/booths/board.html")) == "booths"
    assert app_of_template(Path("base.html")) == "core"
