#!/usr/bin/env bash
# The bad-input suite on the runnable jar: every case of src/test/resources/hostile/cases.txt in a
# JVM of its own, as a user would meet it. Each case must exit with its status, print one line on
# stderr that starts with "nntrain: " and holds the case's fragments (the value or file), print no
# stack trace, write nothing (its case directory and the fixtures stay as they were), and stay under
# a peak resident memory of $PEAK_MB (default 1536) MB, measured by GNU time.
#
#   mvn -B -q package -DskipTests      # target/nntrain.jar and target/test-classes
#   scripts/hostile.sh                 # every case; prints a tally by category
#   scripts/hostile.sh csv model       # only these categories
#
# HostileInputTest runs the same cases in-process during mvn test, in seconds; this script takes
# a few minutes (a JVM and the PyTorch engine per case).
set -uo pipefail
case "${1:-}" in -h|--help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;; esac
cd "$(dirname "$0")/.."

jar=target/nntrain.jar
cases=src/test/resources/hostile/cases.txt
# the categories named on the command line must exist: a typo would otherwise run no case and pass
categories=" $(grep -v '^[[:space:]]*#' "$cases" | cut -d'|' -f1 | tr -d ' ' | grep -v '^$' | sort -u | tr '\n' ' ')"
for category in "$@"; do
  if [[ "$categories" != *" $category "* ]]; then
    echo "hostile.sh: unknown category '$category'; the categories are:$categories(see --help)" >&2
    exit 2
  fi
done
peak_mb=${PEAK_MB:-1536}
if [ ! -f "$jar" ] || [ ! -d target/test-classes ]; then
  echo "hostile.sh: build first: mvn -B -q package -DskipTests" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "hostile.sh: needs GNU time (/usr/bin/time, Debian package 'time') to measure peak memory" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/nntrain-hostile.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
fixtures="$work/f"
java -cp "target/test-classes:$jar" -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  dev.nntrain.cli.HostileFixtures "$fixtures" || { echo "hostile.sh: cannot build the fixtures" >&2; exit 1; }
listing() { (cd "$1" && find . | LC_ALL=C sort); }
fixture_listing=$(listing "$fixtures")
layers1001=$(printf '1,%.0s' $(seq 1000))1

declare -A total passed
failures=0
n=0
while IFS= read -r raw || [ -n "$raw" ]; do
  n=$((n + 1))
  line="${raw#"${raw%%[![:space:]]*}"}"
  [ -z "$line" ] && continue
  [ "${line:0:1}" = "#" ] && continue
  IFS=$'\x1f' read -r category status fragments args tags <<<"${line// | /$'\x1f'}"
  category=${category// /}
  status=${status// /}
  if [ "$#" -gt 0 ] && [[ " $* " != *" $category "* ]]; then
    continue
  fi
  if [[ " ${tags:-} " == *" nonroot "* ]] && [ "$(id -u)" = 0 ]; then
    continue
  fi
  total[$category]=$(( ${total[$category]:-0} + 1 ))
  case_dir="$work/case-$n"
  mkdir -p "$case_dir"
  out="$case_dir/out"
  fill() {
    local s=$1
    s=${s//\{F\}/$fixtures}
    s=${s//\{OUT\}/$out}
    s=${s//\{LAYERS1001\}/$layers1001}
    # %20 is a space inside one argument or fragment (HostileCase.fill does the same)
    printf '%s' "${s//%20/ }"
  }
  argv=()
  # split on the spaces of the case's text, before fill turns each %20 into a space of its own
  for token in $args; do
    argv+=("$(fill "$token")")
  done
  jvm=(-Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
  if [[ " ${tags:-} " == *" offline "* ]]; then
    jvm+=(-Dai.djl.offline=true)
  fi
  vars=()
  for tag in ${tags:-}; do
    case $tag in
      cache:*) vars+=("DJL_CACHE_DIR=$(fill "${tag#cache:}")") ;;
    esac
  done
  /usr/bin/time -f %M -o "$work/rss" env "${vars[@]}" java "${jvm[@]}" -jar "$jar" "${argv[@]}" \
    >"$work/stdout" 2>"$work/stderr" </dev/null
  got=$?
  rss_kb=$(tail -n 1 "$work/rss")
  problems=()
  [ "$got" = "$status" ] || problems+=("exit status $got, expected $status")
  err_lines=$(grep -c '' "$work/stderr")
  first=$(head -n 1 "$work/stderr")
  [ "$err_lines" = 1 ] || problems+=("$err_lines lines on stderr")
  [[ "$first" == "nntrain: "* ]] || problems+=("the error line does not start with 'nntrain: '")
  rest=$fragments
  while [ -n "$rest" ]; do
    fragment=${rest%% && *}
    if [ "$fragment" = "$rest" ]; then rest=""; else rest=${rest#* && }; fi
    fragment=$(fill "${fragment#"${fragment%%[![:space:]]*}"}")
    [[ "$first" == *"$fragment"* ]] || problems+=("missing <$fragment>")
  done
  if grep -qE 'Exception|^[[:space:]]+at |Caused by' "$work/stderr" "$work/stdout"; then
    problems+=("a stack trace or exception name")
  fi
  grep -q '^Epoch ' "$work/stdout" && problems+=("an epoch ran")
  [ -z "$(ls -A "$case_dir")" ] || problems+=("files left in $case_dir: $(ls -A "$case_dir" | tr '\n' ' ')")
  [ "$(listing "$fixtures")" = "$fixture_listing" ] || problems+=("the fixtures changed")
  [ "$rss_kb" -le $((peak_mb * 1024)) ] || problems+=("peak memory $((rss_kb / 1024)) MB > $peak_mb MB")
  if [ ${#problems[@]} -eq 0 ]; then
    passed[$category]=$(( ${passed[$category]:-0} + 1 ))
    printf 'ok    %-9s %5d MB  %s\n' "$category" $((rss_kb / 1024)) "$(fill "$args")"
  else
    failures=$((failures + 1))
    printf 'FAIL  %-9s %5d MB  %s\n      %s\n      stderr: %s\n' "$category" $((rss_kb / 1024)) \
      "$(fill "$args")" "$(IFS='; '; echo "${problems[*]}")" "$(head -c 600 "$work/stderr")"
  fi
  rm -rf "$case_dir"
done <"$cases"

echo
echo "category   passed/cases"
sum=0
for c in $(printf '%s\n' "${!total[@]}" | sort); do
  printf '%-10s %3d/%d\n' "$c" "${passed[$c]:-0}" "${total[$c]}"
  sum=$((sum + total[$c]))
done
echo "all        $((sum - failures))/$sum"
[ "$failures" -eq 0 ]
