"""Build the UI translations: compile resources/translations/*.ts to .qm (bootstrap, installer).

python scripts/build_translations.py            # compile .qm files that are missing/stale
python scripts/build_translations.py --force    # compile all
python scripts/build_translations.py --update   # first refresh the .ts from shopcrm/ui (lupdate)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from shopcrm.ui.translations import compile_translations, update_sources  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="run lupdate over shopcrm/ui first")
    parser.add_argument("--force", action="store_true", help="compile even if up to date")
    args = parser.parse_args()
    if args.update:
        update_sources()
    for path in compile_translations(force=args.force or args.update):
        print(f"compiled {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
