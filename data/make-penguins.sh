#!/bin/sh
# Writes data/penguins.csv from the copy of the Palmer penguins data in Debian's
# r-cran-palmerpenguins package: its 344 rows less the 11 that have a missing value (NA), every
# column as it is. The package need not be installed: without PENGUINS_SOURCE the script downloads
# the .deb with apt-get and unpacks it in a temporary directory. --check compares instead of writing.
set -eu
target=$(dirname "$0")/penguins.csv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source=${PENGUINS_SOURCE:-/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv}
if [ ! -f "$source" ]; then
    if ! (cd "$work" && apt-get download r-cran-palmerpenguins > /dev/null 2>&1); then
        echo "make-penguins.sh: $source not found and apt-get download r-cran-palmerpenguins failed;" \
            "set PENGUINS_SOURCE to a copy of penguins.csv" >&2
        exit 2
    fi
    dpkg-deb -x "$work"/r-cran-palmerpenguins_*.deb "$work/root"
    source=$work/root/usr/lib/R/site-library/palmerpenguins/extdata/penguins.csv
fi
# a row with NA in any cell is left out, so that the file trains without --drop-missing or --fill-missing
awk -F, 'NR == 1 || !/(^|,)NA(,|$)/' "$source" > "$work/made"
if [ "${1:-}" = "--check" ]; then
    if cmp -s "$work/made" "$target"; then
        echo "make-penguins.sh: $target matches $source"
    else
        echo "make-penguins.sh: $target differs from what $source gives" >&2
        exit 1
    fi
else
    cp "$work/made" "$target"
    echo "make-penguins.sh: wrote $target ($(($(wc -l < "$target") - 1)) rows)"
fi
