package io.mape.bench;

import io.mape.App;
import io.mape.Element;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * One item through M → A → P → E with trivial functions, against the same four functions as a plain RxJava
 * chain fed by a subject, plain and serialized (an element serializes its port in; a plain subject does not).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LoopBench {

    private App app;
    private Element<Long, Long> monitor;
    private Subject<Long> plain;
    private Subject<Long> serialized;
    private long i;

    @Setup
    public void setUp(Blackhole bh) {
        app = App.create(MapeConfig.defaults());
        monitor = ScaleBench.fourElementLoop(app.loop("bench"), bh);

        plain = PublishSubject.create();
        chain(plain, bh);
        serialized = PublishSubject.<Long>create().toSerialized();
        chain(serialized, bh);
    }

    private static void chain(Subject<Long> subject, Blackhole bh) {
        subject.map(x -> x + 1).map(x -> x * 2).map(x -> x - 1).subscribe(bh::consume);
    }

    @TearDown
    public void tearDown() {
        app.close();
    }

    @Benchmark
    public void mapeLoop() {
        monitor.onNext(i++);
    }

    @Benchmark
    public void rxChain() {
        plain.onNext(i++);
    }

    @Benchmark
    public void rxSerializedChain() {
        serialized.onNext(i++);
    }
}
