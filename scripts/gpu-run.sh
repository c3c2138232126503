#!/usr/bin/env bash
# Runs on the GPU machine, from the repository root, with .gpu/ carried (scripts/gpu-carry.sh):
# unpacks the JDK, builds DJL's JNI against python3's CUDA torch, runs the gpu-tagged tests and
# bench/gpu.sh, and leaves the results in $OUT (or target/gpu). One call does it all.
set -euo pipefail
cd "$(dirname "$0")/.."
C=.gpu
OUT=${OUT:-target/gpu}
mkdir -p "$OUT" /tmp/nntrain-jdk
tar -xJf "$C/jdk.tar.xz" -C /tmp/nntrain-jdk
export JAVA_HOME=/tmp/nntrain-jdk/jdk
JAVA=$JAVA_HOME/bin/java
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$OUT/gpu.txt"

# DJL's JNI against the installed torch; its exports go into this shell
bash scripts/build-djl-jni.sh --djl-source "$C/djl" --out /tmp/djl-jni --jobs "$(nproc)" > "$OUT/jni-env.sh"
cat "$OUT/jni-env.sh"
eval "$(grep '^export' "$OUT/jni-env.sh")"

CP="$C/classes:$C/test-classes:$C/bench:$C/jars/*"
"$JAVA" -cp "$CP" dev.nntrain.cli.Nntrain doctor | tee "$OUT/doctor.txt"
"$JAVA" -jar "$(ls $C/jars/junit-platform-console-standalone-*.jar)" execute -cp "$C/classes:$C/test-classes:$(ls $C/jars/*.jar | grep -v console-standalone | tr '\n' ':')" \
  --include-tag gpu --select-package dev.nntrain --details=tree 2>&1 | tail -40 | tee "$OUT/gpu-tests.txt"
JAVA=$JAVA CP="$CP" BENCH_DATA=data/mnist OUT="$OUT/bench" bash bench/gpu.sh | tee "$OUT/bench.md"
