#!/bin/sh
# Writes data/iris.csv from the copy of Fisher's iris data in Debian's python3-sklearn package:
# the same 150 rows, a header of column names, and each species' name where that file has its
# number (its first line lists the names in number order). --check compares instead of writing.
set -eu
source=${IRIS_SOURCE:-/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv}
target=$(dirname "$0")/iris.csv
if [ ! -f "$source" ]; then
    echo "make-iris.sh: $source not found; apt-get install python3-sklearn, or set IRIS_SOURCE" >&2
    exit 2
fi
made=$(mktemp)
trap 'rm -f "$made"' EXIT
awk -F, 'NR == 1 { for (i = 3; i <= NF; i++) name[i - 3] = $i
                   print "sepal_length,sepal_width,petal_length,petal_width,species"; next }
         { print $1 "," $2 "," $3 "," $4 "," name[$5] }' "$source" > "$made"
if [ "${1:-}" = "--check" ]; then
    if cmp -s "$made" "$target"; then
        echo "make-iris.sh: $target matches $source"
    else
        echo "make-iris.sh: $target differs from what $source gives" >&2
        exit 1
    fi
else
    cp "$made" "$target"
    echo "make-iris.sh: wrote $target ($(($(wc -l < "$target") - 1)) rows)"
fi
