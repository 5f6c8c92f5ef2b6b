#!/usr/bin/env bash
# Swapdeck benchmark: builds, then measures every figure of docs/performance.md next to its
# baseline in one run and prints one table (also written to target/bench-results.md).
# Usage: bench/run.sh [--skip-window | --proxy-only | --llama-only]     (about 7 minutes on 2 cores)
set -euo pipefail

cd "$(dirname "$0")/.."

# wrk is the load generator for the throughput and latency figures (a C client, not the bottleneck).
if ! dpkg-query -W -f='${Status}' wrk 2>/dev/null | grep -q "install ok installed"; then
  echo "installing wrk"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq wrk
fi

# Offline when every dependency is already in ~/.m2, online otherwise.
MVN=(mvn -B -ntp -q)
if "${MVN[@]}" -o dependency:build-classpath -Dmdep.outputFile=/dev/null >/dev/null 2>&1; then
  MVN+=(-o)
fi
echo "building"
"${MVN[@]}" -DskipTests package test-compile
"${MVN[@]}" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
CLASSPATH_FILE="$(cat target/bench.classpath)"
CP="target/test-classes:target/classes:${CLASSPATH_FILE}"

exec java -Xms256m -Xmx256m -XX:+UseG1GC -cp "$CP" dev.swapdeck.bench.Bench --out target/bench-results.md "$@"
