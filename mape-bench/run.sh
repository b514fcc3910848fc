#!/usr/bin/env bash
# Runs every benchmark beside its baseline. Usage: mape-bench/run.sh [quick|full] [JMH regex]
#   quick: 1 fork, 2 warm-up and 3 measured iterations of 1 s (a few minutes on 2 cores)
#   full:  3 forks, 5 warm-up and 5 measured iterations of 2 s
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
filter=${2:-io.mape.bench.*}

mvn -q -B -DskipTests package -pl mape-bench -am

case "$mode" in
  quick) opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full)  opts=(-f 3 -wi 5 -w 2s -i 5 -r 2s) ;;
  *) echo "usage: $0 [quick|full] [regex]" >&2; exit 2 ;;
esac

java -jar mape-bench/target/benchmarks.jar "$filter" "${opts[@]}" -rf json -rff mape-bench/target/results.json
java -cp mape-bench/target/benchmarks.jar io.mape.bench.ScaleReport 10000
