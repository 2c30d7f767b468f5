#!/usr/bin/env bash
# Reruns the log benchmarks (README, "Figures"): durable appends/s batched on SQLite, checkpoint interval,
# inclusion-proof p99 at N entries. Usage: parley-node/bench-log.sh [entries=1000000] [batch=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl parley-node -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# Run from a copy of the classes, so that rebuilding the worktree meanwhile cannot disturb a long run.
run=$(mktemp -d /tmp/parley-log-bench-classes.XXXXXX)
trap 'rm -rf "$run"' EXIT
cp -r parley-node/target/test-classes "$run/node-test"
cp -r parley-node/target/classes "$run/node"
cp -r parley-core/target/classes "$run/core"
cp=$(sed "s#$(pwd)/parley-core/target/classes#$run/core#" parley-node/target/bench.classpath)
java -Xmx2g -cp "$run/node-test:$run/node:$cp" org.parley.node.log.LogBench "$@"
