#!/usr/bin/env bash
# Runs the Maven wrapper with a JDK 25 found automatically: ./build.sh test, ./build.sh package, ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$ROOT/bin/find-jdk.sh"
cd "$ROOT"
exec ./mvnw -B "$@"
