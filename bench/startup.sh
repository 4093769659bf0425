#!/usr/bin/env bash
# startup_ms from the shell, as a cross-check of `pneumolens bench --startup`: under Xvfb, the wall clock just before
# `java -Dpneumolens.reportStartup=true -jar target/pneumolens.jar`, then the time in the app's
# "PNEUMOLENS_READY <epoch-ms>" line (printed once the window is shown and the model loaded, see StartupReporter).
# The clock starts inside the xvfb-run session, so the X server's own start is not counted.
# Each run also prints cpu_ms: the process's user + system CPU time at that moment (/proc/PID/stat), which a busy
# machine disturbs less than the wall clock; it counts every thread, the JIT compilers too, which take whatever CPU
# is idle, so it grows on a quieter machine (docs/performance.md, "Start-up").
#
# usage: bench/startup.sh [RUNS] [-- COMMAND...]
#   RUNS     timed starts (default 3; one untimed start comes first; STARTUP_TIMEOUT=seconds, default 90)
#   COMMAND  what to start instead of the jar, e.g. the packaged app:  bench/startup.sh 5 -- dist/PneumoLens/bin/PneumoLens
#            (it gets -Dpneumolens.reportStartup=true through JAVA_TOOL_OPTIONS, which every JVM launcher reads)
# prints one line per timed run and then: startup_ms_median N cpu_ms_median N
set -euo pipefail
cd "$(dirname "$0")/.."
runs=3
if [ $# -gt 0 ] && [ "$1" != -- ]; then runs=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = -- ]; then shift; fi
if [ $# -gt 0 ]; then
  cmd=("$@")
  export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Dpneumolens.reportStartup=true"
else
  [ -f target/pneumolens.jar ] || { echo "startup.sh: build first: mvn -B -q package -DskipTests" >&2; exit 1; }
  cmd=(java -Dpneumolens.reportStartup=true -jar target/pneumolens.jar)
fi
export STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-90}
command -v xvfb-run >/dev/null || { echo "startup.sh: needs xvfb-run (apt-get install -y xvfb)" >&2; exit 1; }

one_start() {
  xvfb-run -a -s '-screen 0 1600x1000x24' bash -c '
    fifo=$(mktemp -u); mkfifo "$fifo"
    tick=$(getconf CLK_TCK)
    start=$(date +%s%3N)
    "$@" >"$fifo" 2>&1 &
    pid=$!
    ready=""
    cpu=""
    deadline=$((SECONDS + STARTUP_TIMEOUT))
    while [ $SECONDS -lt $deadline ] && IFS= read -r -t "$STARTUP_TIMEOUT" line; do
      case "$line" in PNEUMOLENS_READY\ *)
        ready=${line#PNEUMOLENS_READY }
        # fields 14 and 15 of /proc/PID/stat (after the parenthesised name): utime and stime in clock ticks
        cpu=$(sed "s/.*) //" "/proc/$pid/stat" | awk -v t="$tick" "{ print int((\$12 + \$13) * 1000 / t) }")
        break ;;
      esac
    done <"$fifo"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -f "$fifo"
    if [ -z "$ready" ]; then echo "no PNEUMOLENS_READY line (does the app call StartupReporter?)" >&2; exit 1; fi
    echo "$((ready - start)) $cpu"' startup "${cmd[@]}"
}

one_start >/dev/null # untimed: warms the page cache
times=()
cpus=()
for i in $(seq "$runs"); do
  read -r ms cpu < <(one_start)
  echo "run $i: startup_ms $ms cpu_ms $cpu"
  times+=("$ms")
  cpus+=("$cpu")
done
median() { printf '%s\n' "$@" | /usr/bin/python3 -c 'import sys, statistics; print(round(statistics.median(int(l) for l in sys.stdin)))'; }
echo "startup_ms_median $(median "${times[@]}") cpu_ms_median $(median "${cpus[@]}")"
