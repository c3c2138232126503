#!/usr/bin/env bash
# Builds DJL 0.36.0's PyTorch JNI library (libdjl_torch.so) against the PyTorch installed in a
# Python environment, for machines where DJL's prebuilt CUDA natives do not match (a newer CUDA or
# PyTorch, as on an H200 with PyTorch 2.11), then prints the environment that makes nntrain load it.
#
#   scripts/build-djl-jni.sh [--python PY] [--djl-source DIR] [--torch-cmake DIR] [--out DIR] [--jobs N]
#
#   --python PY        the Python whose torch to build against (default: python3)
#   --djl-source DIR   DJL's source tree at tag v0.36.0, or a clone of DJL's repository (bare or
#                      not) holding that tag (default: $DJL_SOURCE; cloned when unset and git can
#                      reach the network)
#   --torch-cmake DIR  the folder holding Torch/TorchConfig.cmake (default: torch's own, else a
#                      system one of the same version, as Debian's libtorch-dev installs)
#   --out DIR          where to build and put the library (default: target/djl-jni)
#   --jobs N           parallel compile jobs (default: the number of cores)
#
# Needs cmake, a C++17 compiler and a JDK with its headers ($JAVA_HOME, else the JDK of javac on
# the PATH). Bad arguments or a missing tool: one line on stderr and exit status 2.
set -euo pipefail

fail() { echo "build-djl-jni: $*" >&2; exit 2; }
usage() { sed -n '2,18s/^# \{0,1\}//p' "$0"; }

PY=python3
SRC=${DJL_SOURCE:-}
CMAKE_DIR=""
OUT=target/djl-jni
JOBS=$(nproc 2>/dev/null || echo 2)
while [ $# -gt 0 ]; do
  case "$1" in
    --python) [ $# -ge 2 ] || fail "--python needs a value"; PY=$2; shift 2 ;;
    --djl-source) [ $# -ge 2 ] || fail "--djl-source needs a value"; SRC=$2; shift 2 ;;
    --torch-cmake) [ $# -ge 2 ] || fail "--torch-cmake needs a value"; CMAKE_DIR=$2; shift 2 ;;
    --out) [ $# -ge 2 ] || fail "--out needs a value"; OUT=$2; shift 2 ;;
    --jobs) [ $# -ge 2 ] || fail "--jobs needs a value"; JOBS=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || fail "--jobs must be a positive number, got '$JOBS'"

# 1. DJL's sources: the PyTorch JNI, the shared native helpers, and the Java class the header comes from
NATIVE=engines/pytorch/pytorch-native
LIBRARY_JAVA=engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java
if [ -n "$SRC" ]; then
  [ -d "$SRC" ] || fail "--djl-source $SRC is not a directory; expected DJL's source tree at tag v0.36.0"
  # a clone of DJL's repository, bare or not, that holds the tag: its files are taken from the tag
  # (as scripts/gpu-carry.sh takes them), whatever is checked out
  for git_dir in "$SRC" "$SRC/.git"; do
    if [ ! -f "$SRC/$NATIVE/CMakeLists.txt" ] && git --git-dir="$git_dir" rev-parse --verify -q 'v0.36.0^{commit}' >/dev/null 2>&1; then
      TAGGED=$(mktemp -d)
      trap 'rm -rf "$TAGGED"' EXIT
      git --git-dir="$git_dir" archive v0.36.0 "$NATIVE" engines/pytorch/pytorch-engine/src/main/java api/src/main/native \
        | tar -xf - -C "$TAGGED" || fail "could not read tag v0.36.0 from the repository $SRC"
      SRC=$TAGGED
      break
    fi
  done
  for f in "$NATIVE/CMakeLists.txt" "$LIBRARY_JAVA" api/src/main/native; do
    [ -e "$SRC/$f" ] || fail "$SRC has no $f; expected DJL's source tree at tag v0.36.0"
  done
fi

# 2. The Python environment's torch: its version, library folder, CMake folder and CUDA version
[ -x "$(command -v "$PY" || true)" ] || fail "no Python at '$PY' (give --python)"
PROBE='import os, torch, torch.utils
print(torch.__version__)
print(os.path.join(os.path.dirname(torch.__file__), "lib"))
print(torch.utils.cmake_prefix_path)
print(torch.version.cuda or "")'
TORCH=$("$PY" -c "$PROBE" 2>/dev/null) || fail "$PY cannot import torch; install PyTorch in that environment or give --python"
TORCH_VERSION=$(sed -n 1p <<<"$TORCH")
TORCH_LIB=$(sed -n 2p <<<"$TORCH")
TORCH_CMAKE=$(sed -n 3p <<<"$TORCH")
TORCH_CUDA=$(sed -n 4p <<<"$TORCH")
[[ "$TORCH_VERSION" =~ ^([0-9]+)\.([0-9]+) ]] || fail "$PY reports torch version '$TORCH_VERSION'; expected MAJOR.MINOR..."
TORCH_MM=${BASH_REMATCH[1]}.${BASH_REMATCH[2]}
case "$TORCH_MM" in
  0.*|1.[0-9]|1.1[0-2]) fail "torch $TORCH_VERSION is older than DJL 0.36's JNI supports (1.13 or newer)" ;;
  1.13|2.0|2.1) PT_VERSION=V1_13_X ;;  # the older API DJL's own build selects for these versions
  *) PT_VERSION="" ;;
esac

# torch's CMake package: pip's torch ships one inside; Debian's python3-torch does not, and its
# libtorch-dev installs one for the same libraries under /usr/lib/<multiarch>/cmake
cmake_version() { sed -n 's/^set(PACKAGE_VERSION "\([0-9]*\.[0-9]*\).*/\1/p' "$1/Torch/TorchConfigVersion.cmake" 2>/dev/null; }
if [ -n "$CMAKE_DIR" ]; then
  if [ ! -f "$CMAKE_DIR/Torch/TorchConfig.cmake" ] && [ -f "$CMAKE_DIR/TorchConfig.cmake" ]; then
    fail "--torch-cmake $CMAKE_DIR is the Torch folder itself (CMake's Torch_DIR); give the folder above it, $(dirname "$CMAKE_DIR")"
  fi
  [ -f "$CMAKE_DIR/Torch/TorchConfig.cmake" ] || fail "--torch-cmake $CMAKE_DIR has no Torch/TorchConfig.cmake"
  TORCH_CMAKE=$CMAKE_DIR
elif [ ! -f "$TORCH_CMAKE/Torch/TorchConfig.cmake" ]; then
  FOUND=""
  for d in "/usr/lib/$(c++ -print-multiarch 2>/dev/null || true)/cmake" /usr/lib/cmake /usr/local/lib/cmake /usr/share/cmake; do
    if [ -f "$d/Torch/TorchConfig.cmake" ] && [ "$(cmake_version "$d")" = "$TORCH_MM" ]; then FOUND=$d; break; fi
  done
  [ -n "$FOUND" ] || fail "torch $TORCH_VERSION at $TORCH_LIB has no CMake package (Torch/TorchConfig.cmake): pip's torch ships one; for Debian's install libtorch-dev, or give --torch-cmake DIR"
  TORCH_CMAKE=$FOUND
fi
if [ -n "$CMAKE_DIR" ]; then
  CMAKE_MM=$(cmake_version "$TORCH_CMAKE" || true)
  [ -n "$CMAKE_MM" ] || fail "--torch-cmake $CMAKE_DIR has no version in Torch/TorchConfigVersion.cmake; expected torch $TORCH_MM's CMake package"
  [ "$CMAKE_MM" = "$TORCH_MM" ] || fail "--torch-cmake $CMAKE_DIR is torch $CMAKE_MM, but $PY imports torch $TORCH_VERSION"
fi

# 3. Tools: a JDK with its headers, CMake, a C++ compiler
if [ -z "${JAVA_HOME:-}" ]; then
  command -v javac >/dev/null || fail "no javac on the PATH and JAVA_HOME is not set (a JDK 17 or newer)"
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
export JAVA_HOME   # CMake's FindJNI looks here for jni.h
JAVAC=$JAVA_HOME/bin/javac
[ -x "$JAVAC" ] || fail "JAVA_HOME=$JAVA_HOME has no bin/javac (a JDK, not a runtime image)"
[ -f "$JAVA_HOME/include/jni.h" ] || fail "JAVA_HOME=$JAVA_HOME has no include/jni.h (a jlink image made with --no-header-files?)"
command -v cmake >/dev/null || fail "cmake is not installed (apt-get install cmake)"
command -v c++ >/dev/null || fail "no C++ compiler (apt-get install g++)"

if [ -z "$SRC" ]; then
  command -v git >/dev/null || fail "no --djl-source or DJL_SOURCE given, and git is not installed to clone it"
  SRC=$OUT/djl
  [ -d "$SRC" ] || git clone --quiet --depth 1 --branch v0.36.0 https://github.com/deepjavalibrary/djl "$SRC" \
    || fail "could not clone DJL v0.36.0; give --djl-source DIR"
fi

# 4. Build in a copy of the folders DJL's CMake build reads, so a read-only source tree works
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$OUT/src
rm -rf "$WORK"
mkdir -p "$WORK/engines/pytorch" "$WORK/api/src/main"
cp -r "$SRC/$NATIVE" "$WORK/engines/pytorch/"
cp -r "$SRC/engines/pytorch/pytorch-engine" "$WORK/engines/pytorch/"
cp -r "$SRC/api/src/main/native" "$WORK/api/src/main/"
BUILD=$WORK/$NATIVE/build
mkdir -p "$BUILD/classes"
USE_CUDA=0
[ -n "$TORCH_CUDA" ] && USE_CUDA=1
LOG=$OUT/build.log
echo "building DJL's JNI against torch $TORCH_VERSION in $BUILD (log: $LOG)" >&2
if ! (
  cd "$BUILD"
  "$JAVAC" -sourcepath ../../pytorch-engine/src/main/java ../../pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java \
    -h include -d classes
  cmake -DCMAKE_PREFIX_PATH="$TORCH_CMAKE" -DJAVA_HOME="$JAVA_HOME" ${PT_VERSION:+-DPT_VERSION=$PT_VERSION} -DUSE_CUDA="$USE_CUDA" ..
  cmake --build . --config Release -- -j "$JOBS"
) >"$LOG" 2>&1; then
  tail -5 "$LOG" >&2
  echo "build-djl-jni: the build failed (torch $TORCH_VERSION); the whole log is $LOG" >&2
  exit 1
fi

# 5. One folder holding torch's libraries and DJL's JNI beside them, as DJL expects
LIBDIR=$OUT/libtorch
rm -rf "$LIBDIR"
mkdir -p "$LIBDIR"
ln -s "$TORCH_LIB"/*.so* "$LIBDIR/"
cp "$BUILD/libdjl_torch.so" "$LIBDIR/"

FLAVOR=cpu
CUDART=""
if [ "$USE_CUDA" = 1 ]; then
  FLAVOR=cu$(tr -d . <<<"$TORCH_CUDA")
  # DJL counts GPUs through libcudart: find the one torch was built with
  CUDART=$("$PY" -c 'import glob, os, torch; d = os.path.dirname(torch.__file__); c = glob.glob(os.path.join(d, "lib", "libcudart*.so*")) + sorted(glob.glob(os.path.join(d, "..", "nvidia", "**", "libcudart.so*"), recursive=True)); print(os.path.dirname(os.path.realpath(c[0])) if c else "")')
fi
# What DJL cannot tell: which torch this folder holds ('nntrain doctor' prints it)
cat > "$LIBDIR/nntrain-libtorch.properties" <<PROPS
torch_version=$TORCH_VERSION
flavor=$FLAVOR
torch_lib=$TORCH_LIB
built_by=scripts/build-djl-jni.sh
PROPS
echo "built $LIBDIR/libdjl_torch.so against torch $TORCH_VERSION (${FLAVOR}); export:"
echo "export PYTORCH_LIBRARY_PATH=$LIBDIR"
echo "export PYTORCH_VERSION=2.7.1   # the JNI's API version, whatever torch it links"
echo "export PYTORCH_FLAVOR=$FLAVOR"
[ -n "$CUDART" ] && echo "export LD_LIBRARY_PATH=$CUDART\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
echo "# then run nntrain from a jar without pytorch-native-cpu (mvn -Pgpu package: target/nntrain-gpu.jar) and check: java -jar target/nntrain-gpu.jar doctor"
