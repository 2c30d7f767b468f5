#!/usr/bin/env bash
# Reruns the log benchmarks (README, "Figures"): durable appends/s batched on SQLite, checkpoint interval,
# inclusion-proof p99 at N entries. Usage: parley-node/bench-log.sh [entries=1000000] [batch=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl parley-node -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "parley-node/target/test-classes:parley-node/target/classes:$(cat parley-node/target/bench.classpath)" \
  org.parley.node.log.LogBench "$@"
