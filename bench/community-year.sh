#!/usr/bin/env bash
# Whole run of the built-in example community-year (100 members, 20 batteries, 8,760 hours,
# daily windows): wall time, CPU time and peak RSS of the whole process (/usr/bin/time -v),
# with the load average before and after, since the machine may be shared.
# Builds nothing: first run  mvn -B package -DskipTests  (from the repository root).
# Peak RSS is of the whole JVM, so it depends on heap sizing; pass e.g. JAVA_OPTS=-Xmx1g to pin it.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=cli/target/peermarket.jar
[[ -f "$jar" ]] || { echo "$jar is not built" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }
out=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$out" "$log"' EXIT
echo "load before: $(uptime)"
# the collector ./peermarket gives batch commands, unless JAVA_OPTS names one
gc=-XX:+UseParallelGC
[[ "${JAVA_OPTS:-}" == *GC* ]] && gc=
# shellcheck disable=SC2086  # JAVA_OPTS may hold several options, gc none
/usr/bin/time -v -o "$log" java $gc ${JAVA_OPTS:-} -jar "$jar" run community-year --out "$out" --quiet > /dev/null
echo "load after:  $(uptime)"
grep -E 'Elapsed \(wall clock\)|User time|System time|Maximum resident set size' "$log" | sed 's/^\s*/  /'
