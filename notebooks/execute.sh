#!/usr/bin/env bash
# Runs every notebook in the installed Jupyter kernel named "java" (JJava or IJava) and writes
# the outputs, charts included, back into the notebooks. Each kernel starts in this folder, so the
# notebooks' relative paths (../target/nntrain.jar, ../data/mnist) hold.
#
#   notebooks/execute.sh                    # every notebook
#   notebooks/execute.sh 06-adam.ipynb      # some of them
#
# Needs: jupyter nbconvert with nbclient (Debian: python3-nbclient jupyter-nbconvert), a kernel
# installed as "java" (see README.md here) and the jar (mvn -q package -DskipTests in the root).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f ../target/nntrain.jar ]; then
  echo "execute.sh: ../target/nntrain.jar is missing; build it in the project's root with: mvn -q package -DskipTests" >&2
  exit 2
fi
# the list is read whole first: with pipefail, grep -q quitting at its match could fail the pipe
# (jupyter then dies of SIGPIPE) and report a kernel that is there as missing
kernels=$(jupyter kernelspec list 2>/dev/null || true)
if ! grep -qE '^\s*java\s' <<<"$kernels"; then
  echo "execute.sh: no Jupyter kernel named 'java'; install JJava or IJava as README.md here says" >&2
  exit 2
fi

if [ $# -eq 0 ]; then
  set -- [0-9][0-9]-*.ipynb
fi
for notebook in "$@"; do
  start=$(date +%s)
  # --inplace writes the executed notebook over the original; a failing cell stops with its error
  jupyter nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.kernel_name=java --ExecutePreprocessor.timeout=900 \
    "$notebook" 2> >(grep -v '^\[I ' >&2)
  echo "$notebook: $(( $(date +%s) - start )) s"
done
