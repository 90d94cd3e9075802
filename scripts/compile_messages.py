"""Compile the committed .po catalogues to .mo, without needing GNU gettext installed."""

import sys
from pathlib import Path

import polib

locale_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "locale")
for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path}")
