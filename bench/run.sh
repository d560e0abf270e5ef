#!/usr/bin/env bash
# Whole-process timing and peak RSS of central P2P clearing, N = 100 and 1000, k = 20;
# prints the commands of the ADMM benchmark (it takes minutes at N = 10000).
# Builds nothing: first run  mvn -B package -DskipTests  (from the repository root)
# (package also copies the runtime dependencies to bench/target/lib).
# Peak RSS is of the whole JVM (heap + OR-Tools natives), so it depends on JVM heap sizing;
# pass e.g. JAVA_OPTS=-Xmx1g to pin it.
set -euo pipefail
cd "$(dirname "$0")/.."
CP='bench/target/classes:bench/target/lib/*'
K=20
SEED=${SEED:-42}
[[ -d bench/target/classes/org/peermarket/bench ]] || { echo "bench is not built" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install -y time)" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for N in 100 1000; do
  # shellcheck disable=SC2086  # JAVA_OPTS may hold several options
  /usr/bin/time -v -o "$log" java ${JAVA_OPTS:-} -cp "$CP" org.peermarket.bench.WholeRun "$N" "$K" "$SEED"
  grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$log" | sed 's/^\s*/  /'
done

echo
echo "ADMM negotiation (baroche-2019-admm, then N = 1000 and 10000, k = 20; medians):"
echo "  java -Dreps=3 -Dcentral=true -cp '$CP' org.peermarket.bench.AdmmScaling 1000 10000"
echo "  java -Dreps=3 -Drelaxation=1.6 -cp '$CP' org.peermarket.bench.AdmmScaling 1000 10000"
echo
echo "JMH (time per clear, ms), e.g. short:"
echo "  java -cp '$CP' org.openjdk.jmh.Main CentralClearing -wi 2 -i 3 -f 1"
