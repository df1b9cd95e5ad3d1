#!/usr/bin/env bash
# Benchmark (not a test: it prints figures to record in docs/benchmarks.md).
#  1. Wall time of grading the example submission with a cold JVM, side by side with `mvn -o -q test`
#     of the public tests on the same code, run after run.
#  2. Where the time of one grading goes (-Dbackprop.grader.timing=true).
#  3. A batch of 100 submissions: solutions, the example, the starter and buggy or broken ones, mixed.
# Usage: scripts/benchmark-grading.sh [runs] [batch-size]   (defaults 3 and 100)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
size="${2:-100}"
[ -f grader/target/grader.jar ] || mvn -B -q -DskipTests install
mvn -B -q -o -DskipTests install >/dev/null 2>&1
jar=grader/target/grader.jar

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
out="$(mktemp -d)"
work="$(mktemp -d)"
trap 'rm -rf "$out" "$work"' EXIT

# The first grading after a new grader or JDK writes the class-data sharing archives (~/.cache/backprop-grader).
java -jar "$jar" grade examples/submission --out "$out" --quiet >/dev/null

tar --exclude=./.git --exclude='*/target' -cf - . | (cd "$work" && tar xf -)
rm -rf "$work/assignments/src/main/java"
mkdir -p "$work/assignments/src/main/java"
cp -r examples/submission/src/main/java/. "$work/assignments/src/main/java/"
(cd "$work" && mvn -o -q -pl assignments test -Dstarter.skipTests=false >/dev/null 2>&1 || true) # warm Maven's own caches

echo
echo "1. grading examples/submission (java -jar, cold JVM) next to mvn -o -q test of its public tests:"
for i in $(seq "$runs"); do
  t0=$(now); java -jar "$jar" grade examples/submission --out "$out" --quiet >/dev/null; t1=$(now)
  (cd "$work" && mvn -o -q -pl assignments test -Dstarter.skipTests=false >/dev/null 2>&1 || true); t2=$(now)
  g=$(elapsed "$t0" "$t1"); m=$(elapsed "$t1" "$t2")
  echo "  run $i: grade $g s, mvn test $m s, ratio $(awk -v g="$g" -v m="$m" 'BEGIN { printf "%.2f", g / m }')"
done

echo
echo "2. where one grading's time goes (inside the grading JVM):"
java -Dbackprop.grader.timing=true -jar "$jar" grade examples/submission --out "$out" --quiet 2>&1 >/dev/null | grep timing

echo
echo "3. a batch of $size submissions (solutions, example, starter, one-mistake variants, non-compiling), default --jobs:"
batch="$work/batch"
mkdir -p "$batch"
python3 - "$batch" "$size" <<'EOF'
import glob, os, re, sys
root, size = sys.argv[1], int(sys.argv[2])
def read(d, strip=False):
    files = {}
    for p in glob.glob(d + '/*.java'):
        t = open(p, encoding='utf-8').read()
        files[os.path.basename(p)] = re.sub(r'\n[ \t]*// (BEGIN|END) SOLUTION[^\n]*', '', t) if strip else t
    return files
sol = read('solutions/src/main/java/backprop/nn', True)
starter = read('assignments/src/main/java/backprop/nn')
example = read('examples/submission/src/main/java/backprop/nn')
bugs = [('Sigmoid.java', 's * (1.0 - s)', 's * (1.0 + s)'), ('MeanSquaredError.java', '2.0 /', '1.0 /'),
        ('DenseLayer.java', 'dZ.sumRows()', 'dZ.sumRows().scale(0.5)'), ('Tanh.java', 'return 1.0 - t * t;', 'return 1.0 - z * z;'),
        ('Trainer.java', 'network.step(learningRate);', 'network.step(learningRate * 2);'),
        ('DenseLayer.java', 'gradBias = dZ.sumRows();', 'gradBias = dZ.sumRows()')]
for i in range(size):
    kind = i % 5
    files = {0: sol, 1: example, 2: starter}.get(kind)
    if files is None:
        f, a, b = bugs[i % len(bugs)]
        files = dict(sol)
        files[f] = files[f].replace(a, b, 1)
    d = f'{root}/s{i:03d}/src/main/java/backprop/nn'
    os.makedirs(d)
    for name, text in files.items():
        open(f'{d}/{name}', 'w', encoding='utf-8').write(text)
EOF
t0=$(now); java -jar "$jar" batch "$batch" --out "$out/batch" >/dev/null 2>&1; t1=$(now)
echo "  $size submissions: $(elapsed "$t0" "$t1") s"
