#!/usr/bin/env bash
# nntrain on a GPU against PyTorch eager on the same GPU: the course, wide, large dense and
# convolutional models, alternated in each round, medians of the timed epochs, their ratio, and
# the achieved TFLOP/s of the dense models (6 x parameters FLOPs per sample); for the large and
# convolutional models also nntrain through DJL's autograd (and its ratio). Not part of CI.
#
#   JAVA=/opt/jdk/bin/java CP='.gpu/classes:.gpu/bench:.gpu/jars/*' bench/gpu.sh
#   ROUNDS=3 MODELS="course large" BENCH_DATA=data/mnist JAVA=... CP=... bench/gpu.sh
#
# JAVA: a Java 17+ binary; CP: nntrain's classes, bench/src/Bench.java and DenseSteps.java compiled
# (scripts/gpu-carry.sh puts all three in .gpu/), and the runtime jars without pytorch-native-cpu;
# the environment printed by scripts/build-djl-jni.sh (or PYTORCH_FLAVOR for DJL's own CUDA
# build); PYTHON (default python3) with a CUDA torch.
# BENCH_DEVICE=cpu rehearses the same runs on the CPU (scripts/gpu-run.sh --rehearse).
# BENCH_REPEAT (default 8): each epoch is the training set that many times over, so that an
# epoch at batch 1,024 has more than a handful of steps. A second table: Bench crossover, the
# CPU against the GPU for models of growing width and what --device auto chose for each. A third:
# where a dense model's step goes (the step beside its matrix products alone; DenseSteps).
# Bad setup: one line, exit 2.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "gpu.sh: $*" >&2; exit 2; }
case "${1:-}" in -h|--help) sed -n '2,20s/^# \{0,1\}//p' "$0"; exit 0 ;; "") ;; *) fail "unknown argument '$1' (see --help)" ;; esac

ROUNDS=${ROUNDS:-3}
MODELS=${MODELS:-"course wide large cnn"}
DATA=${BENCH_DATA:-data/mnist}
JAVA=${JAVA:-java}
PYTHON=${PYTHON:-python3}
DEVICE=${BENCH_DEVICE:-gpu}
REPEAT=${BENCH_REPEAT:-8}
[[ "$REPEAT" =~ ^[1-9][0-9]*$ ]] || fail "BENCH_REPEAT must be a positive number, got '$REPEAT'"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || fail "ROUNDS must be a positive number, got '$ROUNDS'"
[ -n "${MODELS// /}" ] || fail "MODELS is empty; expected some of: course wide large cnn"
for model in $MODELS; do
  case "$model" in course|wide|large|cnn) ;; *) fail "unknown model '$model' in MODELS; expected some of: course wide large cnn" ;; esac
done
case "$DEVICE" in
  gpu) TORCH_DEVICE=cuda ;;
  cpu) TORCH_DEVICE=cpu ;;
  *) fail "BENCH_DEVICE must be gpu or cpu, got '$DEVICE'" ;;
esac
[ "$DEVICE" = cpu ] || command -v nvidia-smi >/dev/null || fail "no NVIDIA GPU visible here (nvidia-smi not found)"
command -v "$JAVA" >/dev/null || fail "no Java at '$JAVA' (set JAVA)"
[ -n "${CP:-}" ] || fail "CP is not set: nntrain's classes, Bench and the runtime jars (see --help)"
[ -d "$DATA" ] || fail "no data folder $DATA (set BENCH_DATA to a folder of IDX files)"
has_class() { # has_class NAME: a folder on CP holds NAME.class
  local entry
  IFS=: read -ra entries <<<"$CP"
  for entry in "${entries[@]}"; do [ -f "$entry/$1.class" ] && return 0; done
  return 1
}
for class in Bench DenseSteps dev/nntrain/cli/Nntrain; do
  has_class "$class" || fail "no folder on CP='$CP' holds $class.class (see --help for what CP needs)"
done
command -v "$PYTHON" >/dev/null || fail "no Python at '$PYTHON' (set PYTHON)"
"$PYTHON" -c 'import torch' 2>/dev/null || fail "$PYTHON cannot import torch (set PYTHON to a Python with PyTorch)"
[ "$DEVICE" = cpu ] || "$PYTHON" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null \
  || fail "$PYTHON's torch sees no CUDA device"

OUT=${OUT:-target/bench-gpu}
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: > "$RESULTS"
for round in $(seq "$ROUNDS"); do
  for model in $MODELS; do
    "$JAVA" -Dbench.device="$DEVICE" -Dbench.repeat="$REPEAT" -Dbench.data="$DATA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$CP" Bench nntrain "$model" 2>"$OUT/stderr" | grep '^contender=' | tee -a "$RESULTS" || tail -3 "$OUT/stderr" >&2
    if [ "$model" = cnn ] || [ "$model" = large ]; then
      # both of nntrain's gradient paths (on an H200 the written-out one was 2 x autograd's speed)
      "$JAVA" -Dbench.device="$DEVICE" -Dbench.autograd=true -Dbench.repeat="$REPEAT" -Dbench.data="$DATA" \
          -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" Bench nntrain "$model" 2>"$OUT/stderr" \
          | grep '^contender=' | tee -a "$RESULTS" || tail -3 "$OUT/stderr" >&2
    fi
    BENCH_REPEAT=$REPEAT "$PYTHON" bench/torch_bench.py "$model" auto "$DATA" "$TORCH_DEVICE" | tee -a "$RESULTS"
  done
done
"$PYTHON" - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    who = re.search(r'contender=(\S+)', line).group(1)
    model = re.search(r'model=(\S+)', line).group(1)
    params = int(re.search(r'params=(\d+)', line).group(1))
    rates = [float(v) for v in re.search(r'samples_per_s=([\d.,]+)', line).group(1).split(',')]
    # -gpu / -cuda on the GPU; -autograd: nntrain through DJL's autograd instead of its written-out path
    who = ('autograd' if who.endswith('-autograd') else 'nntrain') if who.startswith('nntrain') else 'pytorch'
    rows.setdefault((model, who), (params, []))[1].extend(rates)
print("| model | nntrain samples/s | PyTorch eager samples/s | ratio | nntrain TFLOP/s | nntrain through autograd |")
print("|---|---|---|---|---|---|")
for model in dict.fromkeys(m for m, _ in rows):
    p, ours = rows.get((model, 'nntrain'), (0, [float('nan')]))
    _, theirs = rows.get((model, 'pytorch'), (0, [float('nan')]))
    a, b = statistics.median(ours), statistics.median(theirs)
    tflops = "-" if model == "cnn" else f"{6 * p * a / 1e12:.2f}"
    _, via = rows.get((model, 'autograd'), (0, []))
    autograd = f"{statistics.median(via):,.0f} ({statistics.median(via) / b:.2f})" if via else "-"
    print(f"| {model} | {a:,.0f} | {b:,.0f} | {a / b:.2f} | {tflops} | {autograd} |")
PY

# Where the GPU starts to pay, and what --device auto picks (it measures a few dozen steps of each)
"$JAVA" -Dbench.data="$DATA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" Bench crossover 2>"$OUT/stderr-crossover" \
  | grep '^contender=' > "$OUT/crossover.txt" || tail -3 "$OUT/stderr-crossover" >&2
"$PYTHON" - "$OUT/crossover.txt" <<'PY'
import re, sys
print()
print("| model | batch | parameters | CPU samples/s | GPU samples/s | faster | --device auto chose |")
print("|---|---|---|---|---|---|---|")
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split())
    cpu, gpu = float(f["cpu_samples_per_s"]), f["gpu_samples_per_s"]
    faster = "-" if gpu == "-" else ("gpu" if float(gpu) > cpu else "cpu")
    gpu_text = gpu if gpu == "-" else f"{float(gpu):,.0f}"
    print(f"| {f['model']} | {f['batch']} | {int(f['params']):,} | {cpu:,.0f} | {gpu_text} | {faster} | {f['auto']} |")
PY

# Where the dense models' step goes: the step as fit runs it beside its matrix products timed
# alone, through DJL and through PyTorch on the same device (bench/src/DenseSteps.java)
"$JAVA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" DenseSteps "$DEVICE" course wide large 2>"$OUT/stderr-steps" \
  | grep '^contender=' > "$OUT/steps.txt" || tail -3 "$OUT/stderr-steps" >&2
"$PYTHON" bench/torch_gemm.py "$TORCH_DEVICE" course wide large >> "$OUT/steps.txt" || echo "gpu.sh: torch_gemm.py failed" >&2
"$PYTHON" - "$OUT/steps.txt" <<'PY'
import sys
ours, torch = {}, {}
for line in open(sys.argv[1]):
    f = dict(kv.split("=", 1) for kv in line.split())
    (ours if f["contender"] == "nntrain-steps" else torch)[f["model"]] = f
print()
print("| model | batch | nntrain step (ms) | its products alone, DJL (ms) | the same products, PyTorch (ms) | step beyond the products (ms) | step TFLOP/s | products TFLOP/s, DJL |")
print("|---|---|---|---|---|---|---|---|")
for model, f in ours.items():
    step, prod = float(f["step_ms"]), float(f["products_ms"])
    t = torch.get(model, {}).get("products_ms", "nan")
    print(f"| {model} | {f['batch']} | {step:.3f} | {prod:.3f} | {float(t):.3f} | {step - prod:.3f} | {float(f['step_tflops']):.2f} | {float(f['products_tflops']):.2f} |")
PY
