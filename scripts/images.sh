#!/usr/bin/env bash
# Regenerates the README's pictures in docs/images from real runs of the command line:
#   history.png           the README's first command, nntrain train, with --plot
#   digits.png            test digits with the softmax lesson's predictions (nntrain lesson softmax)
#   decision-regions.png  the four blobs' decision regions (the same lesson)
#   history-learning-rate.png  nntrain train at --lr 0.01 with --reduce-lr-on-plateau, 20 epochs
#   mistakes.png          the first command's model's most confident mistakes (nntrain evaluate --mistakes)
#   first-layer.png       what that model's first-layer units respond to (nntrain summary --plot)
#   regression.png        a diabetes-progression regression's predictions against the truth (evaluate --plot)
#   lr-finder.png         the learning-rate range test on the course model (nntrain train --find-lr --plot)
#   runs.png              the course model at four learning rates, logged with --csv-log and drawn by nntrain compare
# Builds the runnable jar first if it is missing.
set -euo pipefail
case "${1:-}" in
  -h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
  "") ;;
  *) echo "images.sh: unknown argument '$1' (it takes none; see --help)" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."

[ -f target/nntrain.jar ] || mvn -B -q package -DskipTests
mkdir -p docs/images
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

java -jar target/nntrain.jar train --quiet -o "$work/model" --plot docs/images/history.png
java -jar target/nntrain.jar evaluate -m "$work/model" --mistakes docs/images/mistakes.png > "$work/evaluate.txt"
java -jar target/nntrain.jar summary -m "$work/model" --plot docs/images/first-layer.png > "$work/summary.txt"
java -jar target/nntrain.jar train --quiet -o "$work/model-lr" --lr 0.01 --validation-split 0.2 \
  --reduce-lr-on-plateau 2:0.2:1e-4 --epochs 20 --plot docs/images/history-learning-rate.png
java -jar target/nntrain.jar lesson softmax --plots "$work/softmax" > "$work/softmax.txt"
java -jar target/nntrain.jar train --quiet --dataset csv:data/diabetes.csv --regression --layers 16 --lr 0.01 \
  --epochs 200 -o "$work/diabetes" > "$work/diabetes.txt"
java -jar target/nntrain.jar evaluate -m "$work/diabetes" --plot docs/images/regression.png > "$work/diabetes-evaluate.txt"
java -jar target/nntrain.jar train --find-lr --plot docs/images/lr-finder.png > "$work/lr-finder.txt"
for lr in 0.0148 0.005 0.0015 0.001; do
  java -jar target/nntrain.jar train --quiet --lr $lr --validation-split 0.2 -o "$work/lr-$lr" --csv-log "$work/lr-$lr.csv" > /dev/null
done
java -jar target/nntrain.jar compare "$work"/lr-*.csv --plot docs/images/runs.png
cp "$work/softmax/softmax-digits.png" docs/images/digits.png
cp "$work/softmax/decision-regions.png" docs/images/decision-regions.png
ls -l docs/images
