"""Compile .po catalogues to .mo with polib, so GNU gettext need not be installed.

Usage: compile_messages.py [FILE.po ...]   (default: every catalogue under locale/)
"""

import sys
from pathlib import Path

import polib

paths = [Path(arg) for arg in sys.argv[1:]] or sorted(Path("locale").glob("*/LC_MESSAGES/*.po"))
for po_path in paths:
    polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"compiled {po_path}")
