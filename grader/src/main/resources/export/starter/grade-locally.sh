#!/usr/bin/env bash
# Grades this repository on your own machine with the course's grader, exactly as the workflow on
# GitHub does: same checks, same points, same report (grading/report.html). Hidden checks are shown
# by number only, as on GitHub. Needs Java 17 or newer; the first run downloads the grader with curl.
#   bash grade-locally.sh            (extra arguments go to the grader, e.g. --check-timeout 20)
set -euo pipefail
cd "$(dirname "$0")"
for arg in "$@"; do
  if [ "$arg" = "--show-hidden" ]; then
    echo "grade-locally.sh: --show-hidden is for instructors; hidden checks stay number-only here, as on GitHub." >&2
    exit 2
  fi
done
workflow=.github/workflows/grade.yml
[ -f "$workflow" ] || workflow=.github/workflows/classroom.yml
jar=.grader/grader.jar
url=$(sed -n "s/^  GRADER_URL: '\(.*\)'$/\1/p" "$workflow")
sha=$(sed -n "s/^  GRADER_SHA256: '\(.*\)'$/\1/p" "$workflow")
if [ ! -f "$jar" ]; then
  if [ -z "$url" ]; then
    echo "No grader to run: GRADER_URL is empty in $workflow and there is no $jar. Please tell your instructor." >&2
    exit 1
  fi
  mkdir -p .grader
  curl -fsSL --retry 3 -o "$jar" "$url"
fi
if [ -n "$sha" ]; then
  if command -v sha256sum >/dev/null 2>&1; then actual=$(sha256sum "$jar" | cut -d' ' -f1); else actual=$(shasum -a 256 "$jar" | cut -d' ' -f1); fi
  if [ "$actual" != "$sha" ]; then
    echo "$jar is not the grader your instructor pinned (SHA-256 $actual, expected $sha): deleted, run again." >&2
    rm -f "$jar"
    exit 1
  fi
fi
java -jar "$jar" grade . --out grading "$@"
echo "Full report: open grading/report.html in a browser."
