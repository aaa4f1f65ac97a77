#!/usr/bin/env bash
# Acknowledged publishes per second over HTTP: memory vs SQLite (durability os and sync), with 1
# and 16 concurrent publishers. The hub runs in its own JVM on this machine.
#   bench/publish-rate.sh [seconds] [warmup-seconds] [modes] [publishers] [clients]
#   bench/publish-rate.sh 10 5 memory,os,sync 1,16 jdk,raw
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cp_file="$root/herald-app/target/bench.classpath"
# Reactor build, nothing installed: sibling modules resolve to their target/classes.
./mvnw -q -B -pl herald-app -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
exec java -cp "$root/herald-app/target/test-classes:$root/herald-app/target/classes:$(cat "$cp_file")" \
  dev.herald.app.bench.PublishRate "$@"
