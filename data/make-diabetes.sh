#!/bin/sh
# Writes data/diabetes.csv from the copy of Efron et al.'s diabetes data in Debian's python3-sklearn
# package: its raw (unscaled) ten baseline variables, space-separated, one patient a line, and the
# disease progression a year later from a second file, joined into one CSV row per patient with a
# header. --check compares instead of writing.
set -eu
dir=${DIABETES_SOURCE:-/usr/lib/python3/dist-packages/sklearn/datasets/data}
target=$(dirname "$0")/diabetes.csv
for f in diabetes_data_raw.csv.gz diabetes_target.csv.gz; do
    if [ ! -f "$dir/$f" ]; then
        echo "make-diabetes.sh: $dir/$f not found; apt-get install python3-sklearn, or set DIABETES_SOURCE" >&2
        exit 2
    fi
done
made=$(mktemp); x=$(mktemp); y=$(mktemp)
trap 'rm -f "$made" "$x" "$y"' EXIT
gzip -dc "$dir/diabetes_data_raw.csv.gz" | awk '{ $1 = $1; gsub(/ /, ","); print }' > "$x"
# the targets are whole numbers written as 1.510000000000000000e+02
gzip -dc "$dir/diabetes_target.csv.gz" | awk '{ printf "%d\n", $1 + 0 }' > "$y"
{ echo "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression"; paste -d, "$x" "$y"; } > "$made"
if [ "${1:-}" = "--check" ]; then
    if cmp -s "$made" "$target"; then
        echo "make-diabetes.sh: $target matches $dir"
    else
        echo "make-diabetes.sh: $target differs from what $dir gives" >&2
        exit 1
    fi
else
    cp "$made" "$target"
    echo "make-diabetes.sh: wrote $target ($(($(wc -l < "$target") - 1)) rows)"
fi
