#!/usr/bin/env bash
# The packaged app's own folder of ND4J's and OpenBLAS's native libraries, loaded in place, so that no user's
# first start has to unpack ~430 MB into ~/.javacpp/cache (core.engine.NativeFolder; docs/packaging.md, "Native
# libraries").
#
#   packaging/native-folder.sh fill APP_ROOT   # APP_ROOT/lib/app/native, a few seconds, no display needed
#
# jpackage.cfg names the folder (-Dpneumolens.nativeFolder=$APPDIR/native); the fill moves it into place in one
# rename, and an app-image without it still starts (from JavaCPP's cache). build-installer.sh fills the app-image;
# the .deb's postinst runs the same command at the installed path and its prerm removes the folder.
set -euo pipefail
mode="${1:-}"
root="${2:-}"
[ "$mode" = fill ] && [ -n "$root" ] && [ -x "$root/bin/PneumoLens" ] \
  || { echo "usage: $0 fill APP_ROOT (with bin/PneumoLens)" >&2; exit 2; }
root="$(cd "$root" && pwd)"
rm -rf "$root/lib/app/native"
log="$(mktemp)"
if ! env -u _JAVA_OPTIONS JAVA_TOOL_OPTIONS="-Dpneumolens.nativeFolder.fill=true" "$root/bin/PneumoLens" >"$log" 2>&1 \
    || [ ! -d "$root/lib/app/native" ]; then
  echo "native-folder.sh: filling failed:" >&2; tail -20 "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
echo "native-folder.sh: $root/lib/app/native ($(du -sm "$root/lib/app/native" | cut -f1) MB)"
