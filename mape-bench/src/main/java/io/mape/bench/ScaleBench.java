package io.mape.bench;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
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

/** An App of many loops × 4 linked elements: items/s pushed round-robin into their monitors while all are linked. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScaleBench {

    @Param("10000")
    public int loops;

    private App app;
    private Element<Long, Long>[] monitors;
    private int next;
    private long i;

    @Setup
    public void setUp(Blackhole bh) {
        app = App.create(MapeConfig.defaults());
        monitors = build(app, loops, bh);
    }

    /** Builds {@code n} loops of M → A → P → E; returns their monitors, started. */
    @SuppressWarnings("unchecked")
    static Element<Long, Long>[] build(App app, int n, Blackhole bh) {
        Element<Long, Long>[] monitors = new Element[n];
        for (int k = 0; k < n; k++) {
            monitors[k] = fourElementLoop(app.loop("loop_" + k), bh);
        }
        return monitors;
    }

    /** M → A → P → E with trivial functions in {@code loop}, the executor consuming into {@code bh}; returns M, started. */
    static Element<Long, Long> fourElementLoop(Loop loop, Blackhole bh) {
        Element<Long, Long> m = loop.monitor("m", (Long x, Output<Long> out) -> out.next(x + 1));
        Element<Long, Long> a = loop.analyze("a", (Long x, Output<Long> out) -> out.next(x * 2));
        Element<Long, Long> p = loop.plan("p", (Long x, Output<Long> out) -> out.next(x - 1));
        Element<Long, Void> e = loop.execute("e", (Long x, Output<Void> out) -> bh.consume(x));
        m.link(a);
        a.link(p);
        p.link(e);
        m.start();
        return m;
    }

    @TearDown
    public void tearDown() {
        app.close();
    }

    @Benchmark
    public void pushAcrossLoops() {
        monitors[next].onNext(i++);
        if (++next == monitors.length) {
            next = 0;
        }
    }

    /** Building an App of {@code loops} loops, timed per App. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public App buildApp(Blackhole bh) {
        App built = App.create(MapeConfig.defaults());
        build(built, loops, bh);
        built.close();
        return built;
    }
}
