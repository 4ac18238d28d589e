#!/usr/bin/env bash
# Runs every benchmark and writes docs/benchmarks.md.
#
#   auth-bench/run-benchmarks.sh           # full run (about 35 minutes on 2 cores; the HTTP figures
#                                          #   warm each server up until its JIT has settled)
#   auth-bench/run-benchmarks.sh --quick   # fewer and shorter runs (figures 3 and 4 alone took 3 min)
#   auth-bench/run-benchmarks.sh --quick --figures 1,3,4   # some figures only
#
# Builds what it needs with the Maven wrapper (package only: nothing is installed into ~/.m2),
# then runs the JMH suite from one jar; JMH forks its own JVMs. PostgreSQL is taken from
# GARMIN_AUTH_BENCH_PG_URL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres, trust)
# in schemas of its own that it drops afterwards; without PostgreSQL it runs on H2 only and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=--full
case "${1:-}" in
  --quick) mode=--quick ;;
  --full | "") ;;
  *) echo "usage: auth-bench/run-benchmarks.sh [--quick] [--figures 1,3,4]" >&2; exit 2 ;;
esac
figures=()
if [[ "${2:-}" == --figures && -n "${3:-}" ]]; then
  figures=(--figures "$3")   # only these figures (1 reads, 2 sweep, 3 HTTP, 4 start, 5 growth)
fi

modules=auth-bench
server_jar=auth-http-javalin/target/garmin-auth-server.jar
if [[ -f auth-http-javalin/src/main/java/com/fittrack/garminauth/server/GarminAuthServer.java ]]; then
  modules=auth-bench,auth-http-javalin
fi
echo ">>> building ${modules} (package, tests skipped: verify runs them)"
./mvnw -B -q -pl "${modules}" -am package -Pbenchmarks -DskipTests

commit="$(git rev-parse --short HEAD)"
git diff --quiet HEAD -- . ':!docs/benchmarks.md' || commit="${commit} (with uncommitted changes)"

args=("${mode}" --out docs/benchmarks.md --work auth-bench/target/bench-data
      --pg-url "${GARMIN_AUTH_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
      --command "auth-bench/run-benchmarks.sh${*:+ $*}" --commit "${commit}" "${figures[@]}")
if [[ -f "${server_jar}" ]]; then
  args+=(--server-jar "${server_jar}")
fi
exec java -Xmx512m -jar auth-bench/target/benchmarks.jar "${args[@]}"
