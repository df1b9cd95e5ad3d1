#!/usr/bin/env bash
# Regenerates assignments/src/main/java from solutions/src/main/java (the solutions are the source of truth).
# Usage: scripts/generate-starter.sh [check]
set -euo pipefail
cd "$(dirname "$0")/.."
exec java grader/src/main/java/backprop/grader/starter/StarterGenerator.java "${1:-generate}" solutions assignments
