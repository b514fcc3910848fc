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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The loop of {@link LoopBench} (M → A → P → E, trivial functions) with {@code metrics}: {@code none};
 * {@code meters}, {@link MapeMetrics} bound to a Prometheus registry (meters that read the counters when scraped);
 * {@code cycle}, the same with its sense-to-act cycle timer (an item tracer, installed process-wide: hence one
 * variant a fork); {@code timer64} and {@code timer1}, the meters with the process timer on one item in 64 and on
 * every item (two clock reads and a timer update per item and element).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MetricsBench {

    @Param({"none", "meters", "cycle", "timer64", "timer1"})
    String metrics;

    private App app;
    private PrometheusMeterRegistry registry;
    private MapeMetrics bound;
    private Element<Long, Long> monitor;
    private long i;

    @Setup
    public void setUp(Blackhole bh) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        app = App.create(MapeConfig.defaults());
        monitor = ScaleBench.fourElementLoop(app.loop("bench"), bh);
        MapeMetrics.Builder builder = MapeMetrics.builder(app).appName(metrics).cycleTime(metrics.equals("cycle"));
        switch (metrics) {
            case "none" -> builder = null;
            case "timer64" -> builder.processTime(64);
            case "timer1" -> builder.processTime(1);
            default -> { }
        }
        if (builder != null) {
            bound = builder.build();
            bound.bindTo(registry);
        }
    }

    @TearDown
    public void tearDown() {
        if (bound != null && !registry.scrape().contains("mape_element_items_in_total")) {
            throw new IllegalStateException("the registry has no element meters");
        }
        app.close();
        registry.close();
    }

    @Benchmark
    public void loop() {
        monitor.onNext(i++);
    }
}
