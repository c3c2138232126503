#!/usr/bin/env bash
# Runs on the GPU machine, from the repository root, with .gpu/ carried (scripts/gpu-carry.sh):
# unpacks the JDK, builds DJL's JNI against python3's CUDA torch, runs the gpu-tagged tests and
# bench/gpu.sh, and leaves the results in $OUT (or target/gpu). One call does it all; a step that
# fails is reported and the later steps still run, so one call gives every result it can.
#
#   bash .gpu/run.sh              # on the GPU machine
#   bash .gpu/run.sh --rehearse   # on a CPU machine whose python3 has torch: every step, on the CPU
#
# PYTHON picks the Python whose torch the JNI is built against (default python3). The rehearsal
# trains bench/gpu.sh's models on the CPU for one round, so that a GPU machine's few minutes are
# not spent finding a broken step.
set -uo pipefail
cd "$(dirname "$0")/.."
REHEARSE=0
case "${1:-}" in
  --rehearse) REHEARSE=1 ;;
  "") ;;
  -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "gpu-run: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac
C=.gpu
[ -f "$C/jdk.tar.xz" ] || { echo "gpu-run: no $C/jdk.tar.xz; run scripts/gpu-carry.sh first and carry $C" >&2; exit 2; }
OUT=${OUT:-target/gpu}
PYTHON=${PYTHON:-python3}
mkdir -p "$OUT"
FAILED=()
step() { # step NAME COMMAND...: runs it, notes a failure, goes on
  local name=$1; shift
  local t0=$SECONDS
  if "$@"; then echo "== $name: ok ($((SECONDS - t0)) s)"; else echo "== $name: FAILED ($((SECONDS - t0)) s)"; FAILED+=("$name"); fi
}

"$PYTHON" -c 'import torch' 2>/dev/null \
  || { echo "gpu-run: $PYTHON cannot import torch; set PYTHON to the Python whose torch to build against" >&2; exit 2; }
# the JDK and the JNI live in fresh folders, removed however the script ends
JDK=$(mktemp -d)
JNI=$(mktemp -d)
trap 'rm -rf "$JDK" "$JNI"' EXIT
tar -xJf "$C/jdk.tar.xz" -C "$JDK"
export JAVA_HOME=$JDK/jdk
JAVA=$JAVA_HOME/bin/java
if [ "$REHEARSE" = 1 ]; then
  echo "rehearsal on the CPU: $(nproc) cores" | tee "$OUT/gpu.txt"
else
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$OUT/gpu.txt"
fi

# DJL's JNI against the installed torch; its exports go into this shell
build_jni() {
  bash scripts/build-djl-jni.sh --python "$PYTHON" --djl-source "$C/djl" --out "$JNI" --jobs "$(nproc)" > "$OUT/jni-env.sh" \
    && cat "$OUT/jni-env.sh"
}
step "JNI build" build_jni || true
[ -s "$OUT/jni-env.sh" ] || { cp "$JNI/build.log" "$OUT/" 2>/dev/null; echo "gpu-run: no JNI, nothing else can run (the build's log, if it got that far: $OUT/build.log)"; exit 1; }
eval "$(grep '^export' "$OUT/jni-env.sh")"

CP="$C/classes:$C/test-classes:$C/bench:$C/jars/*"
doctor() { "$JAVA" -cp "$CP" dev.nntrain.cli.Nntrain doctor | tee "$OUT/doctor.txt"; }
gpu_tests() {
  "$JAVA" -jar "$(ls $C/jars/junit-platform-console-standalone-*.jar)" execute \
    -cp "$C/classes:$C/test-classes:$(ls $C/jars/*.jar | grep -v console-standalone | tr '\n' ':')" \
    --include-tag gpu --select-package dev.nntrain --details=tree > "$OUT/gpu-tests.txt" 2>&1
  local status=$?
  tail -40 "$OUT/gpu-tests.txt"
  return $status
}
readme_command() { # the whole output kept; the device --device auto chose, what it measured, the result shown
  "$JAVA" -cp "$CP" dev.nntrain.cli.Nntrain train --device auto --output "$JNI/model" > "$OUT/train.txt" 2>&1
  local status=$?
  grep -E '^Training on|^Test accuracy' "$OUT/train.txt" || tail -3 "$OUT/train.txt"
  return $status
}
bench() {
  local extra=()
  if [ "$REHEARSE" = 1 ]; then extra=(BENCH_DEVICE=cpu ROUNDS=1 BENCH_REPEAT=1); else extra=(ROUNDS="${ROUNDS:-2}"); fi
  env "${extra[@]}" JAVA="$JAVA" CP="$CP" PYTHON="$PYTHON" BENCH_DATA=data/mnist OUT="$OUT/bench" bash bench/gpu.sh | tee "$OUT/bench.md"
}
step doctor doctor
step "gpu-tagged tests" gpu_tests
step "README's first command, --device auto" readme_command
step "bench/gpu.sh" bench
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "gpu-run: failed: ${FAILED[*]} (outputs in $OUT)"
  exit 1
fi
echo "gpu-run: every step passed (outputs in $OUT)"
