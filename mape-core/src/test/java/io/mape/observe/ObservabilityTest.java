package io.mape.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.CallMethod;
import io.mape.DropReason;
import io.mape.Element;
import io.mape.ElementStats;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.DeliveryStats;
import io.mape.remote.InProcessTransport;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.testing.StdErr;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLoggerFactory;

class ObservabilityTest {

    private final App app = App.create(MapeConfig.defaults());

    @AfterEach
    void tearDown() {
        Observability.setErrorHandler(null);
        app.close();
    }

    private Element<Integer, Integer> failingOnOdd(Loop loop) {
        return loop.execute("act", (Integer x, Output<Integer> o) -> {
            if (x % 2 == 1) {
                throw new IllegalStateException("odd " + x);
            }
            o.next(x);
        });
    }

    @Test
    void listsEveryElementSinkSourceAndWhatIsRegistered() {
        Element<Integer, Integer> sense = app.level("site").loop("car").monitor("sense", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> act = failingOnOdd(app.loop("solo"));
        Transport t = InProcessTransport.builder(app).build();
        t.sink("car.sense");
        t.source("car.*", Integer.class);
        record CacheStats(long hits, long misses) {
        }
        Disposable reg = Observability.of(app).register(new Metered("cache", "lru", Map.of(), this,
                () -> new CacheStats(3, 1)));
        act.onNext(2);

        List<Metered> all = Observability.of(app).metered();

        assertThat(all).extracting(Metered::kind).containsExactly("monitor", "execute", "sink", "source", "cache");
        assertThat(all.get(0).name()).isEqualTo("car.sense");
        assertThat(all.get(0).tags()).containsExactly(Map.entry("level", "site"), Map.entry("loop", "car"),
                Map.entry("element", "sense"));
        assertThat(all.get(0).subject()).isSameAs(sense);
        assertThat(all.get(1).tags()).containsEntry("level", "").containsEntry("loop", "solo");
        assertThat(((ElementStats) all.get(1).snapshot()).processed()).isEqualTo(1);
        assertThat(all.get(2).tags()).containsEntry("channel", "car.sense").containsKey("transport");
        assertThat(all.get(2).snapshot()).isInstanceOf(DeliveryStats.class);
        assertThat(all.get(3).name()).isEqualTo("car.*");
        assertThat(all.get(4).snapshot()).isEqualTo(new CacheStats(3, 1));

        reg.dispose();
        assertThat(Observability.of(app).metered()).extracting(Metered::kind).doesNotContain("cache");
    }

    @Test
    void failuresAndDropsArePushedToListenersUntilDisposed() {
        Loop loop = app.loop("l");
        Element<Integer, Integer> act = failingOnOdd(loop);
        Element<Integer, Integer> sense = loop.monitor("sense", (Integer x, Output<Integer> o) -> o.next(x));
        List<Event> events = new CopyOnWriteArrayList<>();
        Disposable listening = Observability.of(app).listen(events::add);

        act.onNext(1);
        act.onNext(2);
        sense.onNext(7); // a monitor starts by hand: dropped as stopped

        assertThat(events).hasSize(2);
        Event.Failure f = (Event.Failure) events.get(0);
        assertThat(f.path()).isEqualTo("l.act");
        assertThat(f.item()).isEqualTo("1");
        assertThat(f.error()).isInstanceOf(IllegalStateException.class).hasMessage("odd 1");
        assertThat(events.get(1)).isEqualTo(new Event.Drop("l.sense", DropReason.STOPPED.wireName(), "7"));

        listening.dispose();
        Observability.setErrorHandler(e -> { });
        act.onNext(3);
        sense.onNext(8);
        assertThat(events).hasSize(2);
        assertThat(Observability.of(app).hasListeners()).isFalse();
    }

    @Test
    void aSinksDropsArePushedToo() {
        Transport t = InProcessTransport.builder(app).build();
        Sink sink = t.sink("car.speed", SinkOptions.builder().maxItemBytes(8).build());
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(app).listen(events::add);

        sink.onNext("a speed far longer than eight bytes");

        assertThat(events).singleElement().isInstanceOfSatisfying(Event.Drop.class, d -> {
            assertThat(d.path()).isEqualTo("car.speed");
            assertThat(d.reason()).isEqualTo(io.mape.remote.DropReason.TOO_LARGE.wireName()).isEqualTo("too-large");
        });
        assertThat(sink.stats().dropped(io.mape.remote.DropReason.TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void aSourcesLossesArePushedToo_undecodableAndRefused() {
        Transport t = InProcessTransport.builder(app).build();
        Source<Integer> source = t.source("car.*", Integer.class);
        List<Integer> got = new CopyOnWriteArrayList<>();
        source.subscribe(got::add);
        source.ready().blockingAwait();
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(app).listen(events::add);
        Sink sink = t.sink("car.speed");

        sink.onNext("fast");
        sink.onNext(new CallMethod("reset", List.of()));
        sink.onNext(90);

        await().until(() -> got.contains(90));
        assertThat(source.stats()).isEqualTo(DeliveryStats.ofSource(3, 1, 1));
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e.path()).isEqualTo("car.speed"));
        assertThat(events).extracting(e -> ((Event.Drop) e).reason()).containsExactly("undecodable", "refused");
        assertThat(((Event.Drop) events.get(0)).item()).contains("'\"fast\"'").contains(Integer.class.getName());
        assertThat(((Event.Drop) events.get(1)).item()).contains("reset").contains(Integer.class.getName());
    }

    @Test
    void anObserverOfASourceThatThrowsIsAFailure() {
        Transport t = InProcessTransport.builder(app).build();
        Source<Integer> source = t.source("car.speed", Integer.class);
        List<Integer> got = new CopyOnWriteArrayList<>();
        source.subscribe(new Observer<Integer>() { // a lambda's LambdaObserver would dispose itself on a throw
            @Override
            public void onSubscribe(Disposable d) {
            }

            @Override
            public void onNext(Integer x) {
                if (x < 0) {
                    throw new IllegalArgumentException("negative " + x);
                }
                got.add(x);
            }

            @Override
            public void onError(Throwable e) {
            }

            @Override
            public void onComplete() {
            }
        });
        source.ready().blockingAwait();
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(app).listen(events::add);
        Sink sink = t.sink("car.speed");

        String log = StdErr.during(() -> {
            for (int i = 1; i <= 100; i++) {
                sink.onNext(-i);
            }
            sink.onNext(1);
            await().until(() -> got.contains(1));
        });

        assertThat(events).hasSize(100).first().isInstanceOfSatisfying(Event.Failure.class, f -> {
            assertThat(f.path()).isEqualTo("car.speed");
            assertThat(f.item()).isEqualTo("-1");
            assertThat(f.error()).hasMessage("negative -1");
        });
        assertThat(log.lines().filter(l -> l.contains("an observer of"))).as("one line, the rest counted for the next")
                .hasSize(1);
    }

    @Test
    void aFailureNoListenerHearsReachesTheErrorHandler() {
        List<Event.Failure> handled = new ArrayList<>();
        Observability.setErrorHandler(handled::add);
        Element<Integer, Integer> act = failingOnOdd(app.loop("l"));

        act.onNext(5);

        assertThat(handled).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("l.act");
            assertThat(f.error()).hasMessage("odd 5");
        });
    }

    @Test
    void aListenerThatThrowsIsReportedAndStaysRegistered() {
        List<Event.Failure> handled = new ArrayList<>();
        Observability.setErrorHandler(handled::add);
        List<Event> heard = new ArrayList<>();
        Observability.of(app).listen(e -> {
            heard.add(e);
            throw new IllegalArgumentException("listener bug");
        });
        Element<Integer, Integer> act = failingOnOdd(app.loop("l"));

        act.onNext(1);
        act.onNext(3);

        assertThat(heard).hasSize(2);
        assertThat(handled).hasSize(2).allSatisfy(f -> assertThat(f.error()).hasRootCauseMessage("listener bug"));
    }

    @Test
    void withoutAnSlf4jBindingTheDefaultPrintsToStandardErrorRateLimited() {
        assertThat(Observability.defaultErrorHandler(new NOPLoggerFactory()))
                .isInstanceOf(Observability.StdErrHandler.class);
        Observability.StdErrHandler handler = new Observability.StdErrHandler();
        Event.Failure f = new Event.Failure("l.act", "1", new IllegalStateException("odd 1"));

        String first = StdErr.during(() -> handler.accept(f));
        String second = StdErr.during(() -> handler.accept(f));

        assertThat(first).contains("mape: l.act failed on 1: java.lang.IllegalStateException: odd 1")
                .contains("no SLF4J binding").contains("at io.mape.observe.ObservabilityTest");
        assertThat(second).isEmpty();
    }

    @Test
    void withAnSlf4jBindingTheDefaultAddsNothingToTheElementsLogLine() {
        Element<Integer, Integer> act = failingOnOdd(app.loop("l"));

        String err = StdErr.during(() -> act.onNext(1));

        assertThat(err).contains("l.act failed on 1").doesNotContain("mape: ");
    }

    @Test
    void aProcessTimerIsToldTheBodysNanosecondsOnlyWhenSet() {
        Element<Integer, Integer> act = failingOnOdd(app.loop("l"));
        List<Long> nanos = new CopyOnWriteArrayList<>();
        Observability.setErrorHandler(e -> { });

        act.onNext(2);
        act.processTimer(nanos::add, 1);
        act.onNext(4);
        act.onNext(1); // failed: not timed
        act.processTimer(null, 1);
        act.onNext(6);

        assertThat(nanos).singleElement().satisfies(n -> assertThat(n).isNotNegative());
    }

    @Test
    void aProcessTimerTimesOneRunInEvery() {
        Element<Integer, Integer> act = failingOnOdd(app.loop("l"));
        List<Long> nanos = new CopyOnWriteArrayList<>();
        act.processTimer(nanos::add, 4);

        for (int i = 0; i < 12; i += 2) {
            act.onNext(i);
        }

        assertThat(nanos).hasSize(2);
        assertThat(act.stats().processed()).isEqualTo(6);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> act.processTimer(nanos::add, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
