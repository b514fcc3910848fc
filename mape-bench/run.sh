#!/usr/bin/env bash
# Runs every benchmark beside its baseline. Usage: mape-bench/run.sh [quick|full] [JMH regex]
#   quick: 1 fork, 2 warm-up and 3 measured iterations of 1 s (a few minutes on 2 cores)
#   full:  3 forks, 5 warm-up and 5 measured iterations of 2 s
# The Redis benchmarks use MAPE_BENCH_REDIS_URL, or a redis-server from the PATH started here on a free port.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
filter=${2:-io.mape.bench.*}

case "$mode" in
  quick) opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full)  opts=(-f 3 -wi 5 -w 2s -i 5 -r 2s) ;;
  *) echo "usage: $0 [quick|full] [regex]" >&2; exit 2 ;;
esac

mvn -q -B -DskipTests package -pl mape-bench -am

if [ -z "${MAPE_BENCH_REDIS_URL:-}" ]; then
  command -v redis-server >/dev/null || { echo "no MAPE_BENCH_REDIS_URL and no redis-server on the PATH" >&2; exit 1; }
  dir=$(mktemp -d)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --dir "$dir" --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null; rm -rf "$dir"' EXIT
  export MAPE_BENCH_REDIS_URL="redis://127.0.0.1:$port/0"
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

java -jar mape-bench/target/benchmarks.jar "$filter" "${opts[@]}" -rf json -rff mape-bench/target/results.json
java -cp mape-bench/target/benchmarks.jar io.mape.bench.ScaleReport 10000
