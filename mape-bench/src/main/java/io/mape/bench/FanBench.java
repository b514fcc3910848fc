package io.mape.bench;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.ArrayList;
import java.util.List;
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

/** One monitor → 8 analyzers → one plan, against a subject → 8 maps → merge → map. One op = one item in. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanBench {

    static final int WIDTH = 8;

    private App app;
    private Element<Long, Long> monitor;
    private PublishSubject<Long> subject;
    private long i;

    @Setup
    public void setUp(Blackhole bh) {
        app = App.create(MapeConfig.defaults());
        Loop loop = app.loop("fan");
        monitor = loop.monitor("m", (Long x, Output<Long> out) -> out.next(x));
        Element<Long, Void> plan = loop.plan("p", (Long x, Output<Void> out) -> bh.consume(x));
        for (int k = 0; k < WIDTH; k++) {
            long add = k;
            Element<Long, Long> analyze = loop.analyze("a" + k, (Long x, Output<Long> out) -> out.next(x + add));
            monitor.link(analyze);
            analyze.link(plan);
        }
        plan.start();
        monitor.start();

        subject = PublishSubject.create();
        List<Observable<Long>> branches = new ArrayList<>();
        for (int k = 0; k < WIDTH; k++) {
            long add = k;
            branches.add(subject.map(x -> x + add));
        }
        Observable.merge(branches).subscribe(bh::consume);
    }

    @TearDown
    public void tearDown() {
        app.close();
    }

    @Benchmark
    public void mapeFan() {
        monitor.onNext(i++);
    }

    @Benchmark
    public void rxFan() {
        subject.onNext(i++);
    }
}
