#!/usr/bin/env bash
# Benchmark nntrain's training loop against stock DJL (EasyTrain), PyTorch from Python and
# scikit-learn's MLPClassifier on Fashion-MNIST (60,000 / 10,000 images), and print one table.
#
#   bench/run.sh                         # the course, wide and cnn models, 2 rounds (course and
#                                        # wide alone: about 10 minutes on 2 cores)
#   ROUNDS=3 MODELS=course bench/run.sh
#
# Each contender runs in its own process: one warm-up epoch, three timed epochs, then test
# accuracy. Contenders alternate within each round, so that a noisy machine slows all of them
# alike; the table gives the median over every timed epoch of every round. Not part of CI.
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
  "") ;;
  *) echo "run.sh: unknown argument '$1' (settings are variables: ROUNDS, MODELS; see --help)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
MODELS=${MODELS:-"course wide cnn"}
DATA=${BENCH_DATA:-/usr/share/datasets/fashion-mnist}
LEAK_EPOCHS=${LEAK_EPOCHS:-20}
OUT=target/bench
mkdir -p "$OUT"

# What the benchmark needs from Debian: PyTorch and scikit-learn for Python's system interpreter,
# Fashion-MNIST, and GNU time for peak RSS.
missing=()
for pkg in python3-torch python3-sklearn dataset-fashion-mnist time; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mvn -B -q package -DskipTests
javac -cp target/nntrain.jar -d "$OUT" bench/src/Bench.java

# Serial GC with a small young generation: a 2-core batch job needs no concurrent collector, and
# the heap stays small (see bench/README.md for the default-JVM figures).
JAVA=(java -XX:+UseSerialGC -Xmn32m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
      "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error" "-Dbench.data=$DATA"
      -cp "target/nntrain.jar:$OUT" Bench)
PY=/usr/bin/python3
RESULTS="$OUT/results.txt"
: > "$RESULTS"

measure() {
  # runs a contender, appends its line with the process's peak RSS
  local line
  line=$(/usr/bin/time -f "%M" -o "$OUT/rss" "$@" 2>"$OUT/stderr" | grep '^contender=' || true)
  if [ -z "$line" ]; then
    echo "failed: $*" >&2
    tail -5 "$OUT/stderr" >&2
    return 1
  fi
  echo "$line peak_rss_kb=$(tail -1 "$OUT/rss")" | tee -a "$RESULTS" >&2
}

measure "${JAVA[@]}" matmul
for round in $(seq "$ROUNDS"); do
  echo "round $round of $ROUNDS" >&2
  for model in $MODELS; do
    measure "${JAVA[@]}" nntrain "$model"
    measure "${JAVA[@]}" djl "$model"
    measure "${JAVA[@]}" djl "$model" 1
    measure env OMP_NUM_THREADS=2 "$PY" bench/torch_bench.py "$model" auto "$DATA"
    if [ "$model" != cnn ]; then  # MLPClassifier has no convolutions
      measure env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$PY" bench/sklearn_bench.py "$model" "$DATA"
    fi
  done
done
measure "${JAVA[@]}" leak course "$LEAK_EPOCHS"

"$PY" bench/summarize.py "$RESULTS" | tee "$OUT/table.md"
