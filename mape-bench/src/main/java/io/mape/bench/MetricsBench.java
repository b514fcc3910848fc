package io.mape.bench;

import io.mape.App;
import io.mape.Element;
import io.mape.config.MapeConfig;
import io.mape.micrometer.MapeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The loop of {@link LoopBench} (M → A → P → E, trivial functions) four ways in one run: without metrics; with
 * {@link MapeMetrics} bound to a Prometheus registry (the default: meters that read the counters when scraped); with
 * its process timer on one item in 64; and on every item (two clock reads and a timer update per item and element).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MetricsBench {

    private App bare;
    private App metered;
    private App timed;
    private App timedAll;
    private PrometheusMeterRegistry registry;
    private Element<Long, Long> bareMonitor;
    private Element<Long, Long> meteredMonitor;
    private Element<Long, Long> timedMonitor;
    private Element<Long, Long> timedAllMonitor;
    private long i;

    @Setup
    public void setUp(Blackhole bh) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        bare = App.create(MapeConfig.defaults());
        bareMonitor = ScaleBench.fourElementLoop(bare.loop("bench"), bh);
        metered = App.create(MapeConfig.defaults());
        meteredMonitor = ScaleBench.fourElementLoop(metered.loop("bench"), bh);
        MapeMetrics.builder(metered).appName("metered").build().bindTo(registry);
        timed = App.create(MapeConfig.defaults());
        timedMonitor = ScaleBench.fourElementLoop(timed.loop("bench"), bh);
        MapeMetrics.builder(timed).appName("timed").processTime(64).build().bindTo(registry);
        timedAll = App.create(MapeConfig.defaults());
        timedAllMonitor = ScaleBench.fourElementLoop(timedAll.loop("bench"), bh);
        MapeMetrics.builder(timedAll).appName("timed-all").processTime(1).build().bindTo(registry);
    }

    @TearDown
    public void tearDown() {
        if (!registry.scrape().contains("mape_element_items_in_total")) {
            throw new IllegalStateException("the registry has no element meters");
        }
        bare.close();
        metered.close();
        timed.close();
        timedAll.close();
        registry.close();
    }

    @Benchmark
    public void loopWithoutMetrics() {
        bareMonitor.onNext(i++);
    }

    @Benchmark
    public void loopWithMetrics() {
        meteredMonitor.onNext(i++);
    }

    @Benchmark
    public void loopWithMetricsAndProcessTimerOneIn64() {
        timedMonitor.onNext(i++);
    }

    @Benchmark
    public void loopWithMetricsAndProcessTimerEveryItem() {
        timedAllMonitor.onNext(i++);
    }
}
