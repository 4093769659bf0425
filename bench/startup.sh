#!/usr/bin/env bash
# startup_ms from the shell, as a cross-check of `pneumolens bench --startup`: under Xvfb, the wall clock just before
# `java -Dpneumolens.reportStartup=true -jar target/pneumolens.jar`, then the time in the app's
# "PNEUMOLENS_READY <epoch-ms>" line (printed once the window is shown and the model loaded, see StartupReporter).
# The clock starts inside the xvfb-run session, so the X server's own start is not counted.
#
# usage: bench/startup.sh [RUNS]   (default 3; one untimed start comes first; STARTUP_TIMEOUT=seconds, default 90)
# prints one line per timed run and then: startup_ms_median N
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
export STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-90}
[ -f target/pneumolens.jar ] || { echo "startup.sh: build first: mvn -B -q package -DskipTests" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "startup.sh: needs xvfb-run (apt-get install -y xvfb)" >&2; exit 1; }

one_start() {
  xvfb-run -a -s '-screen 0 1600x1000x24' bash -c '
    fifo=$(mktemp -u); mkfifo "$fifo"
    start=$(date +%s%3N)
    java -Dpneumolens.reportStartup=true -jar target/pneumolens.jar >"$fifo" 2>&1 &
    pid=$!
    ready=""
    deadline=$((SECONDS + STARTUP_TIMEOUT))
    while [ $SECONDS -lt $deadline ] && IFS= read -r -t "$STARTUP_TIMEOUT" line; do
      case "$line" in PNEUMOLENS_READY\ *) ready=${line#PNEUMOLENS_READY }; break ;; esac
    done <"$fifo"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$fifo"
    if [ -z "$ready" ]; then echo "no PNEUMOLENS_READY line (does the app call StartupReporter?)" >&2; exit 1; fi
    echo $((ready - start))'
}

one_start >/dev/null # untimed: warms the page cache
times=()
for i in $(seq "$runs"); do
  ms=$(one_start)
  echo "run $i: startup_ms $ms"
  times+=("$ms")
done
printf '%s\n' "${times[@]}" | sort -n | /usr/bin/python3 -c 'import sys, statistics; print("startup_ms_median", round(statistics.median(int(l) for l in sys.stdin)))'
