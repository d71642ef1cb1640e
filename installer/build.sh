#!/usr/bin/env bash
# Build the one-folder app dist/ShopCRM/ (see installer/build.py and docs/installer.md).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
exec "$PYTHON" installer/build.py "$@"
