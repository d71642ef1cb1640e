#!/usr/bin/env bash
# Install the built app for the current user (no root): run after installer/build.sh.
#
#   installer/linux/install.sh            # install or upgrade
#   installer/linux/install.sh --remove   # uninstall (the shop's data is kept)
#
# Program: ~/.local/opt/ShopCRM   Menu entry: ~/.local/share/applications/shopcrm.desktop
# Icon: ~/.local/share/icons/hicolor/256x256/apps/shopcrm.png   Command: ~/.local/bin/shopcrm
# The shop's data is NOT here: it lives in ${XDG_DATA_HOME:-~/.local/share}/ShopCRM.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIST="$ROOT/dist/ShopCRM"
APPDIR="$HOME/.local/opt/ShopCRM"
APPS="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
ICONS="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor"
BIN="$HOME/.local/bin"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}/ShopCRM"

refresh_menus() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$APPS" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" || true
}

if [ "${1:-}" = "--remove" ]; then
  rm -rf "$APPDIR"
  rm -f "$APPS/shopcrm.desktop" "$ICONS/256x256/apps/shopcrm.png" \
        "$ICONS/scalable/apps/shopcrm.svg" "$BIN/shopcrm"
  refresh_menus
  echo "ShopCRM removed. The shop's data is kept in $DATA (delete it yourself if not needed)."
  exit 0
fi

[ -x "$DIST/ShopCRM" ] || { echo "No build in $DIST: run installer/build.sh first." >&2; exit 1; }
mkdir -p "$(dirname "$APPDIR")" "$APPS" "$ICONS/256x256/apps" "$ICONS/scalable/apps" "$BIN"
# Replace the program folder as a whole (an upgrade must not keep old libraries).
rm -rf "$APPDIR.new"
cp -a "$DIST" "$APPDIR.new"
rm -rf "$APPDIR"
mv "$APPDIR.new" "$APPDIR"
sed "s|@APPDIR@|$APPDIR|g" "$ROOT/installer/linux/shopcrm.desktop" > "$APPS/shopcrm.desktop"
chmod 644 "$APPS/shopcrm.desktop"
install -m 644 "$ROOT/resources/icons/shopcrm.png" "$ICONS/256x256/apps/shopcrm.png"
install -m 644 "$ROOT/resources/icons/shopcrm.svg" "$ICONS/scalable/apps/shopcrm.svg"
ln -sfn "$APPDIR/ShopCRM" "$BIN/shopcrm"
refresh_menus
echo "ShopCRM installed in $APPDIR (menu: Office → ShopCRM; command: shopcrm)."
echo "The shop's data lives in $DATA."
