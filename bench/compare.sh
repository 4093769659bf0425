#!/usr/bin/env bash
# Runs the PyTorch reference (../shared/bench/torch_reference.py) and the project's benchmark on this machine, one
# after the other with the same thread count and the same sample images, prints both JSON lines and the ratios.
#
# usage: bench/compare.sh [--threads N] [--quick] [--data DIR|--no-data] [--epoch-fraction F] [--no-startup]
#                         [--layout NCHW|NHWC] [--extension -avx512|-onednn-avx512|...] [--out FILE] [-- BENCH_ARGS...]
#   --quick       few repetitions on the DL4J side, to check the plumbing (figures are not results)
#   --data DIR    dataset for epoch_s (default: ../shared/data when it exists)
#   --extension   an nd4j-native classifier extension; its jar must be in ~/.m2 (the script says how to fetch it)
#   --out FILE    also append {"pytorch":..., "dl4j":..., "ratios":...} as one JSON line to FILE
# Installs nothing except, when /usr/bin/python3 cannot import torch: apt-get install -y python3-torch python3-pil.
# OPENBLAS_CORETYPE and OMP_* variables already set in the environment are left as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

threads=$(nproc)
quick=()
data=""
[ -d ../shared/data/train ] && data=../shared/data
fraction=()
startup=(--startup)
layout=()
extension=""
out=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --quick) quick=(--quick); shift ;;
    --data) data=$2; shift 2 ;;
    --no-data) data=""; shift ;;
    --epoch-fraction) fraction=(--epoch-fraction "$2"); shift 2 ;;
    --no-startup) startup=(); shift ;;
    --layout) layout=(--layout "$2"); shift 2 ;;
    --extension) extension=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

reference=../shared/bench/torch_reference.py
[ -f "$reference" ] || { echo "compare.sh: $reference not found (run from a checkout beside shared/)" >&2; exit 1; }
samples=sample-images # the same 8 radiographs as ../shared/data/sample-images, passed to both sides

if ! /usr/bin/python3 -c 'import torch, PIL' 2>/dev/null; then
  echo "compare.sh: /usr/bin/python3 cannot import torch; installing python3-torch python3-pil with apt-get" >&2
  apt-get install -y python3-torch python3-pil >&2
fi

if [ ! -f target/pneumolens.jar ]; then
  echo "compare.sh: building target/pneumolens.jar" >&2
  mvn -B -q package -DskipTests >&2
fi

java_cmd=(java)
if [ -n "$extension" ]; then
  jar=~/.m2/repository/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64${extension}.jar
  if [ ! -f "$jar" ]; then
    echo "compare.sh: $jar is missing; fetch it with:" >&2
    echo "  mvn -B dependency:get -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64${extension}" >&2
    exit 1
  fi
  # The classifier jar first on the class path; the manifest of pneumolens.jar brings target/lib/*.
  java_cmd+=(-Dorg.bytedeco.javacpp.platform.extension="$extension" -cp "$jar:target/pneumolens.jar" org.pneumolens.Launcher)
else
  java_cmd+=(-jar target/pneumolens.jar)
fi
data_args=()
[ -n "$data" ] && data_args=(--data "$data")

echo "compare.sh: PyTorch reference, $threads thread(s)..." >&2
torch_line=$(/usr/bin/python3 "$reference" --threads "$threads" --samples "$samples" | grep '^{' | tail -n 1)
echo "compare.sh: DL4J benchmark, $threads thread(s)..." >&2
dl4j_line=$(OMP_NUM_THREADS=$threads "${java_cmd[@]}" bench --threads "$threads" --samples "$samples" \
  "${quick[@]}" "${data_args[@]}" "${fraction[@]}" "${startup[@]}" "${layout[@]}" "${extra[@]}" | grep '^{' | tail -n 1)

echo "$torch_line"
echo "$dl4j_line"
TORCH="$torch_line" DL4J="$dl4j_line" OUT="$out" /usr/bin/python3 - <<'PY'
import json, os
t, d = json.loads(os.environ['TORCH']), json.loads(os.environ['DL4J'])
def ratio(a, b):
    return None if a is None or b is None or b == 0 else round(a / b, 2)
# train: dl4j / pytorch images per second (higher is better); latencies: dl4j ms / pytorch ms (lower is better).
# The targets are issue 17's (an AVX2-only CPU, or ONEDNN_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell on AVX-512).
r = {'train_dl4j_over_pytorch': ratio(d.get('train_images_per_s'), t.get('train_images_per_s')),
     'infer_ms_dl4j_over_pytorch': ratio(d.get('infer_ms_p50'), t.get('infer_ms_p50')),
     'decode_ms_dl4j_over_pytorch': ratio(d.get('decode_ms_p50'), t.get('decode_ms_p50'))}
print(json.dumps({'ratios': r}))
checks = [('train_images_per_s ratio >= 1.3', r['train_dl4j_over_pytorch'], lambda v: v >= 1.3),
          ('infer_ms_p50 ratio <= 1.0', r['infer_ms_dl4j_over_pytorch'], lambda v: v <= 1.0),
          ('decode_ms_p50 ratio <= 1.0', r['decode_ms_dl4j_over_pytorch'], lambda v: v <= 1.0),
          ('predict_gradcam_ms_p50 <= 150', d.get('predict_gradcam_ms_p50'), lambda v: v <= 150),
          ('startup_ms <= 3000 (java -jar)', d.get('startup_ms'), lambda v: v <= 3000),
          ('window_open_ms_p50 <= 100', d.get('window_open_ms_p50'), lambda v: v <= 100),
          ('window_open_ms_cold <= 500', d.get('window_open_ms_cold'), lambda v: v <= 500),
          ('batch_full_images_per_s >= 60', d.get('batch_full_images_per_s'), lambda v: v >= 60),
          ('batch_224_images_per_s >= 150', d.get('batch_224_images_per_s'), lambda v: v >= 150),
          ('peak_rss_mb < 3072 (whole bench process)', d.get('peak_rss_mb'), lambda v: v < 3072)]
for name, v, ok in checks:
    print(f"  {name:42s} {v!s:>10s}  {'n/a' if v is None else ('met' if ok(v) else 'NOT met')}")
if d.get('quick'):
    print('  (quick run: the DL4J figures are not results)')
if os.environ['OUT']:
    with open(os.environ['OUT'], 'a') as f:
        f.write(json.dumps({'pytorch': t, 'dl4j': d, 'ratios': r}) + '\n')
PY
