#!/usr/bin/env bash
# Benchmark: wall time of grading the example submission (cold JVM each run) next to
# `mvn -o -q test` of the public tests on the same code. A benchmark, not a test: it prints figures
# to record in docs/benchmarks.md. Usage: scripts/benchmark-grading.sh [runs]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
root="$(pwd)"
[ -f grader/target/grader.jar ] || mvn -B -q -DskipTests install
mvn -B -q -o -DskipTests install >/dev/null 2>&1

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
echo
echo "grading examples/submission with java -jar grader/target/grader.jar grade (cold JVM):"
out="$(mktemp -d)"
for i in $(seq "$runs"); do
  t0=$(now); java -jar grader/target/grader.jar grade examples/submission --out "$out" --quiet >/dev/null; t1=$(now)
  echo "  run $i: $(elapsed "$t0" "$t1") s"
done

echo
echo "mvn -o -q test of the public tests on the same code (the example submission in a copy of assignments/):"
work="$(mktemp -d)"
tar --exclude=./.git --exclude='*/target' -cf - . | (cd "$work" && tar xf -)
rm -rf "$work/assignments/src/main/java"
mkdir -p "$work/assignments/src/main/java"
cp -r examples/submission/src/main/java/. "$work/assignments/src/main/java/"
for i in $(seq "$runs"); do
  t0=$(now); (cd "$work" && mvn -o -q -pl assignments test -Dstarter.skipTests=false >/dev/null 2>&1 || true); t1=$(now)
  echo "  run $i: $(elapsed "$t0" "$t1") s (the example fails some public tests, as intended)"
done
rm -rf "$out" "$work"
