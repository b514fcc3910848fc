package io.mape.bench;

/** Where the Redis benchmarks find their server: {@code -Dmape.bench.redis=URL} or {@code MAPE_BENCH_REDIS_URL}. */
final class BenchRedis {

    private BenchRedis() {
    }

    static String url() {
        String url = System.getProperty("mape.bench.redis", System.getenv("MAPE_BENCH_REDIS_URL"));
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("the Redis benchmarks need a Redis: set MAPE_BENCH_REDIS_URL "
                    + "(e.g. redis://127.0.0.1:6379/15), or run mape-bench/run.sh, which starts a redis-server");
        }
        return url;
    }
}
