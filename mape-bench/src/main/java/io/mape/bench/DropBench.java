package io.mape.bench;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What shedding an item costs: a push into a stopped monitor (counted as {@code stopped}, its log line rate-limited)
 * against a processor whose subscriber requests nothing behind {@code onBackpressureDrop}, counting each drop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DropBench {

    private App app;
    private Element<Long, Long> stopped;
    private PublishProcessor<Long> processor;
    private final AtomicLong rxDropped = new AtomicLong();
    private long i;

    @Setup
    public void setUp() {
        app = App.create(MapeConfig.defaults());
        stopped = app.loop("drop").monitor("m", (Long x, Output<Long> out) -> out.next(x));
        processor = PublishProcessor.create();
        processor.onBackpressureDrop(x -> rxDropped.incrementAndGet()).subscribe(new TestSubscriber<>(0));
    }

    @TearDown
    public void tearDown() {
        if (stopped.stats().dropped() == 0 && rxDropped.get() == 0) {
            throw new IllegalStateException("nothing was dropped"); // each benchmark runs one of the two
        }
        app.close();
    }

    @Benchmark
    public void mapeStoppedElement() {
        stopped.onNext(i++);
    }

    @Benchmark
    public void rxBackpressureDrop() {
        processor.onNext(i++);
    }
}
