package io.mape.bench;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/** Two threads pushing into one element, against two threads pushing into a serialized subject. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
public class ContentionBench {

    private App app;
    private Element<Long, Long> element;
    private Subject<Long> serialized;

    /** Each pushing thread's own counter. */
    @State(Scope.Thread)
    public static class Counter {
        long i;
    }

    @Setup
    public void setUp(Blackhole bh) {
        app = App.create(MapeConfig.defaults());
        element = app.loop("hot").execute("e", (Long x, Output<Long> out) -> bh.consume(x + 1))
                .queueCapacity(Integer.MAX_VALUE);
        serialized = PublishSubject.<Long>create().toSerialized();
        serialized.map(x -> x + 1).subscribe(bh::consume);
    }

    @TearDown
    public void tearDown() {
        long dropped = element.stats().dropped();
        app.close();
        if (dropped > 0) {
            throw new IllegalStateException(dropped + " items dropped: the figure would count drops as work");
        }
    }

    @Benchmark
    public void mapeElement(Counter c) {
        element.onNext(c.i++);
    }

    @Benchmark
    public void rxSerializedSubject(Counter c) {
        serialized.onNext(c.i++);
    }
}
