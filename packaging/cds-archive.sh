#!/usr/bin/env bash
# Class-data sharing (AppCDS) for the packaged app: a static archive of the ~7,000 classes a window start loads
# (JDK, JavaFX, ND4J, DL4J, the app), mapped by the JVM instead of read, verified and parsed from jars at each start.
# jpackage.cfg points the launcher at it (-XX:SharedArchiveFile=$APPDIR/pneumolens.jsa); with the default
# -Xshare:auto a missing or mismatched archive only means a slower start, never a failed one.
#
#   packaging/cds-archive.sh record APP_ROOT   # start APP_ROOT/bin/PneumoLens once under Xvfb (or $DISPLAY) until
#                                               # the window is shown and the model loaded, recording the classes
#                                               # it loaded: APP_ROOT/lib/app/pneumolens.classlist
#   packaging/cds-archive.sh dump APP_ROOT     # write APP_ROOT/lib/app/pneumolens.jsa from that list (~10-20 s,
#                                               # no display; the .deb's postinst runs the same at /opt/pneumolens)
#
# Why a static archive from a class list rather than -XX:ArchiveClassesAtExit: JDK 17's dynamic archive needs the
# runtime's default CDS archive as its base, and a jlink'd runtime (JDK 17's jlink) has none; a static archive
# holds the JDK's classes too. Why "dump" runs where the app lives: JDK 17 accepts the archive only if the
# application class path is the one recorded at dump time, path for path (the launcher passes absolute
# $APPDIR/... paths), so a moved app-image runs without it until dumped again (docs/packaging.md, "Class-data
# archive"). JDK 20+ would accept a moved directory (JDK-8279366); 17 does not.
set -euo pipefail

mode="${1:-}"
root="${2:-}"
[ -n "$root" ] && [ -x "$root/bin/PneumoLens" ] || { echo "usage: $0 record|dump APP_ROOT (with bin/PneumoLens)" >&2; exit 2; }
root="$(cd "$root" && pwd)"
list="$root/lib/app/pneumolens.classlist"
archive="$root/lib/app/pneumolens.jsa"

case "$mode" in
  record)
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    # The run ends itself once the window is shown and the model loaded (-Dpneumolens.exitWhenReady=true).
    # user.home stays the real one: a fresh home would make JavaCPP unpack 400 MB of natives again.
    opts="-XX:DumpLoadedClassList=$work/classlist -Dpneumolens.exitWhenReady=true"
    run=(env JAVA_TOOL_OPTIONS="$opts" timeout 300 "$root/bin/PneumoLens")
    if [ -z "${DISPLAY:-}" ]; then
      command -v xvfb-run >/dev/null || { echo "cds-archive.sh: needs xvfb-run (apt-get install -y xvfb) or a DISPLAY" >&2; exit 1; }
      run=(xvfb-run -a -s '-screen 0 1600x1000x24' "${run[@]}")
    fi
    "${run[@]}" >"$work/log" 2>&1 || { echo "cds-archive.sh: the recording run failed:" >&2; tail -20 "$work/log" >&2; exit 1; }
    # Dynamic proxies ($Proxy12...) are generated at run time and cannot be archived from a list: leave them out
    # rather than have the dump warn about each.
    grep -v '\$Proxy[0-9]' "$work/classlist" >"$list.tmp"
    mv "$list.tmp" "$list"
    echo "cds-archive.sh: $(grep -vc '^[#@]' "$list") classes recorded in $list"
    ;;
  dump)
    [ -f "$list" ] || { echo "cds-archive.sh: no class list $list (run: $0 record $root)" >&2; exit 1; }
    log="$(mktemp)"
    rm -f "$archive"
    # JAVA_TOOL_OPTIONS comes before the launcher's own options (jpackage.cfg), which name the archive file; the
    # JVM writes the archive and exits without running the app, so no display is needed.
    if ! JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$list" "$root/bin/PneumoLens" >"$log" 2>&1 \
        || [ ! -s "$archive" ]; then
      echo "cds-archive.sh: dumping the archive failed:" >&2; tail -20 "$log" >&2; rm -f "$log" "$archive"; exit 1
    fi
    rm -f "$log"
    echo "cds-archive.sh: $archive ($(du -m "$archive" | cut -f1) MB)"
    ;;
  *) echo "usage: $0 record|dump APP_ROOT" >&2; exit 2 ;;
esac
