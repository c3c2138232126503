#!/usr/bin/env bash
# A/B: nntrain at this checkout against nntrain at another revision, on the same data, alternated
# in one run so that a noisy machine slows both alike. Prints each run's line, then the median
# samples/s per model and side.
#
#   bench/ab.sh 6c1c762                      # course and wide, 3 rounds
#   ROUNDS=5 MODELS="course wide cnn" bench/ab.sh HEAD~3
#   THREADS=2 MODELS=wide bench/ab.sh 6c1c762   # both sides on 2 threads: the code, not the choice
#
# Needs what bench/run.sh needs (Fashion-MNIST from Debian); the other revision is built in a
# temporary git worktree under target/. Not part of CI.
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
  "") echo "ab.sh: name the revision to compare with, e.g. bench/ab.sh HEAD~3 (see --help)" >&2; exit 2 ;;
  -*) echo "ab.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
REV=$1
git rev-parse --verify --quiet "$REV^{commit}" >/dev/null \
  || { echo "ab.sh: '$REV' is not a revision of this repository" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}
MODELS=${MODELS:-"course wide"}
DATA=${BENCH_DATA:-/usr/share/datasets/fashion-mnist}
OUT=target/bench-ab
OLD=$OUT/old-tree
rm -rf "$OUT/old" "$OUT/new"
mkdir -p "$OUT/old" "$OUT/new"

git worktree remove --force "$OLD" >/dev/null 2>&1 || true
git worktree add --detach "$OLD" "$REV" >/dev/null
(cd "$OLD" && mvn -B -q package -DskipTests)
javac -cp "$OLD/target/nntrain.jar" -d "$OUT/old" "$OLD/bench/src/Bench.java"
mvn -B -q package -DskipTests
# private copies of both jars, so that a build during the run cannot change what is measured
cp "$OLD/target/nntrain.jar" "$OUT/old.jar"
cp target/nntrain.jar "$OUT/new.jar"
javac -cp "$OUT/new.jar" -d "$OUT/new" bench/src/Bench.java

run() { # side model
  local jar="$OUT/$1.jar"
  java -XX:+UseSerialGC -Xmn32m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "-Dbench.data=$DATA" \
      ${THREADS:+"-Dbench.threads=$THREADS"} \
      -cp "$jar:$OUT/$1" Bench nntrain "$2" 2>/dev/null | grep '^contender=' | sed "s/^/side=$1 /"
}
RESULTS=$OUT/results.txt
: > "$RESULTS"
for round in $(seq "$ROUNDS"); do
  for model in $MODELS; do
    # alternate which side goes first, so neither always gets the warmer machine
    if [ $((round % 2)) = 1 ]; then sides="old new"; else sides="new old"; fi
    for side in $sides; do
      run "$side" "$model" | tee -a "$RESULTS"
    done
  done
done
git worktree remove --force "$OLD"
python3 - "$RESULTS" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side = re.search(r'side=(\w+)', line).group(1)
    model = re.search(r'model=(\w+)', line).group(1)
    rates = [float(v) for v in re.search(r'samples_per_s=([\d.,]+)', line).group(1).split(',')]
    rows.setdefault((model, side), []).extend(rates)
# the median, and the best epoch: interference only ever slows an epoch down, so the best is the
# steadier figure on a shared machine
print("| model | old median | new median | new / old | old best | new best | new / old |")
print("|---|---|---|---|---|---|---|")
for model in dict.fromkeys(m for m, _ in rows):
    old = statistics.median(rows[(model, 'old')]); new = statistics.median(rows[(model, 'new')])
    ob = max(rows[(model, 'old')]); nb = max(rows[(model, 'new')])
    print(f"| {model} | {old:,.0f} | {new:,.0f} | {new / old:.3f} | {ob:,.0f} | {nb:,.0f} | {nb / ob:.3f} |")
PY
