#!/usr/bin/env bash
# Prepares, on this machine, the folder a GPU machine without Java or package registries needs to
# build, test and benchmark nntrain in one call: a jlink'd JDK, nntrain's classes and tests, the
# runtime jars without pytorch-native-cpu, JUnit's console launcher and DJL 0.36.0's native
# sources (the embedded MNIST subset travels with the repository; the GPU machine needs cmake, a
# C++ compiler and a Python with a CUDA torch). The folder (.gpu/, ignored by git) travels with
# the device tool's `carry`; on the GPU machine run `bash .gpu/run.sh` (scripts/gpu-run.sh, copied
# in).
#
#   scripts/gpu-carry.sh --djl-source DIR     # DJL's source tree at tag v0.36.0 (or $DJL_SOURCE),
#                                             # or a clone of DJL's repository, bare or not, that
#                                             # holds the tag (its files are taken from the tag)
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "gpu-carry: $*" >&2; exit 2; }
SRC=${DJL_SOURCE:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --djl-source) [ $# -ge 2 ] || fail "--djl-source needs a value"; SRC=$2; shift 2 ;;
    -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
[ -n "$SRC" ] || fail "give DJL's source tree at tag v0.36.0 with --djl-source DIR (or DJL_SOURCE)"
DJL_PATHS="engines/pytorch/pytorch-native engines/pytorch/pytorch-engine/src/main/java api/src/main/native"
if git --git-dir="$SRC" rev-parse --verify -q v0.36.0^{commit} >/dev/null 2>&1 \
    || git --git-dir="$SRC/.git" rev-parse --verify -q v0.36.0^{commit} >/dev/null 2>&1; then
  GIT_DIR_OF_SRC=$SRC; [ -d "$SRC/.git" ] && GIT_DIR_OF_SRC=$SRC/.git
  djl_files() { git --git-dir="$GIT_DIR_OF_SRC" archive v0.36.0 $DJL_PATHS; }
elif [ -f "$SRC/engines/pytorch/pytorch-native/CMakeLists.txt" ]; then
  djl_files() { (cd "$SRC" && tar -cf - $DJL_PATHS); }
else
  fail "--djl-source $SRC is neither DJL's source tree nor a DJL repository with tag v0.36.0"
fi
command -v jlink >/dev/null || fail "no jlink (a JDK 17's bin on the PATH)"

CARRY=.gpu
rm -rf "$CARRY"
mkdir -p "$CARRY/jars" "$CARRY/djl"
mvn -B -q -Pgpu test-compile
mvn -B -q -Pgpu dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$CARRY/jars"
rm -f "$CARRY"/jars/pytorch-native-cpu-*.jar
cp "$(find ~/.m2/repository/org/junit/platform/junit-platform-console-standalone -name '*.jar' | sort | tail -1)" "$CARRY/jars/" \
  || fail "no junit-platform-console-standalone in ~/.m2 (mvn dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1)"
cp -r target/classes "$CARRY/classes"
cp -r target/test-classes "$CARRY/test-classes"
javac -cp "target/classes:$CARRY/jars/*" -d "$CARRY/bench" bench/src/Bench.java bench/src/DenseSteps.java
djl_files | tar -xf - -C "$CARRY/djl"
# Modules: what nntrain and DJL use (`jdeps --print-module-deps` on nntrain's classes names
# jdk.management, which the thread tuner's CPU clock needs, and java.desktop, the charts'), plus
# jdk.compiler and the header files: build-djl-jni.sh generates DJL's JNI header with javac -h,
# and CMake finds jni.h in the JDK. Uncompressed: xz packs the whole image smaller (23 MB).
jlink --add-modules java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.compiler,jdk.management,jdk.unsupported,jdk.zipfs \
  --strip-debug --no-man-pages --compress=0 --output "$CARRY/jdk"
tar -cJf "$CARRY/jdk.tar.xz" -C "$CARRY" jdk && rm -rf "$CARRY/jdk"
cp scripts/gpu-run.sh "$CARRY/run.sh"
du -sh "$CARRY"
