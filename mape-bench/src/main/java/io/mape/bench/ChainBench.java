package io.mape.bench;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.PublishSubject;
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
 * What one more element costs: a chain of {@code length} linked analyzers against a subject and {@code length}
 * maps, in nanoseconds per item. The slope between two lengths is the cost of one link and one element (or one
 * map); the shortest chain shows what entering the first costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChainBench {

    @Param({"1", "4", "8"})
    int length;

    private App app;
    private Element<Long, Long> head;
    private PublishSubject<Long> subject;
    private long i;

    @Setup
    public void setUp(Blackhole bh) {
        app = App.create(MapeConfig.defaults());
        Loop loop = app.loop("chain");
        Element<Long, Long> last = null;
        Observable<Long> chain = subject = PublishSubject.create();
        for (int k = 0; k < length; k++) {
            long add = k;
            Element<Long, Long> e = loop.analyze("a" + k, (Long x, Output<Long> out) -> out.next(x + add));
            if (last == null) {
                head = e;
            } else {
                last.link(e);
            }
            last = e;
            chain = chain.map(x -> x + add);
        }
        last.subscribe(bh::consume);
        chain.subscribe(bh::consume);
    }

    @TearDown
    public void tearDown() {
        app.close();
    }

    @Benchmark
    public void mapeChain() {
        head.onNext(i++);
    }

    @Benchmark
    public void rxChain() {
        subject.onNext(i++);
    }
}
