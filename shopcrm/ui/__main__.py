"""``python -m shopcrm.ui [--db PATH_OR_URL]``: the desktop app (what ``shopcrm`` starts)."""

import sys

from .app import main

if __name__ == "__main__":
    sys.exit(main())
