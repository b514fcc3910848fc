package io.mape;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.annotation.CallableMethod;
import io.mape.config.MapeConfig;
import io.mape.knowledge.InMemoryKnowledgeBackend;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The promise of the data path, one test per way it was found broken (issue 11), numbered as there. */
class DataPathTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("dp");
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        pool.shutdownNow();
        app.close();
    }

    /** Widens a race window by a few hundred nanoseconds. */
    static void spin() {
        for (int i = 0; i < 100; i++) {
            Thread.onSpinWait();
        }
    }

    // 1 ------------------------------------------------------------------------------------------------------------

    @Test
    void d1aFatalErrorInTheBodyStopsTheElementVisiblyAndNeverWedgesIt() {
        AtomicInteger seen = new AtomicInteger();
        Element<Integer, Integer> e = loop.execute("linkage", (Integer x, Output<Integer> o) -> {
            seen.incrementAndGet();
            if (x == 1) {
                throw new NoClassDefFoundError("com/example/Gone");
            }
        });

        assertThatCode(() -> e.onNext(1)).as("the pushing thread is not hit").doesNotThrowAnyException();
        e.onNext(2);

        assertThat(e.isRunning()).as("stopped visibly").isFalse();
        assertThat(e.stats().failure()).contains("NoClassDefFoundError");
        assertThat(e.stats().dropped(DropReason.FAILED)).isEqualTo(1);
        e.start();
        e.onNext(3);
        assertThat(seen.get()).as("the gate was released: a restart processes again").isEqualTo(2);
        assertThat(e.stats().failure()).isNull();
    }

    @Test
    void d1bStackOverflowIsCountedAndTheElementGoesOn() {
        AtomicInteger seen = new AtomicInteger();
        Element<Integer, Integer> e = loop.execute("deep", (Integer x, Output<Integer> o) -> {
            seen.incrementAndGet();
            if (x == 1) {
                throw new StackOverflowError();
            }
        });

        assertThatCode(() -> e.onNext(1)).doesNotThrowAnyException();
        e.onNext(2);

        assertThat(seen.get()).isEqualTo(2);
        assertThat(e.isRunning()).isTrue();
        assertThat(e.stats().failed()).isEqualTo(1);
    }

    @Test
    void d1cFatalErrorFromASubscriberReleasesTheGate() {
        Element<Integer, Integer> e = loop.execute("pass", (Integer x, Output<Integer> o) -> o.next(x));
        e.subscribe(x -> {
            if (x == 1) {
                throw new OutOfMemoryError("simulated");
            }
        });
        AtomicInteger after = new AtomicInteger();
        Element<Integer, Integer> scheduled = loop.execute("onWorker", (Integer x, Output<Integer> o) -> o.next(x))
                .scheduler(Schedulers.single());
        scheduled.subscribe(x -> {
            if (x == 1) {
                throw new ExceptionInInitializerError("simulated");
            }
            after.incrementAndGet();
        });

        assertThatCode(() -> e.onNext(1)).doesNotThrowAnyException();
        scheduled.onNext(1);

        assertThat(e.isRunning()).isFalse();
        assertThat(e.stats().errors()).isEqualTo(1);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !scheduled.isRunning());
        scheduled.start();
        scheduled.onNext(2);
        await().atMost(5, TimeUnit.SECONDS).until(() -> after.get() == 1);
    }

    // 2 ------------------------------------------------------------------------------------------------------------

    @Test
    void d2StopWithASchedulerCountsItsBacklogAndDoesNotInterruptTheItemInFlight() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger processed = new AtomicInteger();
        Element<Integer, Void> e = loop.execute("slow", (Integer x, Output<Void> o) -> {
            if (x == 0) {
                inside.countDown();
                release.await(10, TimeUnit.SECONDS);
                interrupted.set(Thread.currentThread().isInterrupted());
            }
            processed.incrementAndGet();
        }).scheduler(Schedulers.io());

        for (int i = 0; i < 1000; i++) {
            e.onNext(i);
        }
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        e.stop();
        release.countDown();

        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> processed.get() + e.stats().dropped() == 1000 && e.stats().queued() == 0);
        assertThat(interrupted.get()).as("the item in flight was not interrupted").isFalse();
        assertThat(processed.get()).isEqualTo(1);
        assertThat(e.stats().dropped(DropReason.STOPPED)).isEqualTo(999);
        assertThat(e.stats().errors()).isZero();
    }

    // 3 ------------------------------------------------------------------------------------------------------------

    @Test
    void d3OptionChangesAndRestartsUnderLoadLoseNothingUncounted() {
        AtomicLong processed = new AtomicLong();
        Element<Integer, Integer> e = loop.execute("rewired", (Integer x, Output<Integer> o) -> processed.incrementAndGet())
                .opsIn(up -> up.map(x -> x));
        race(200, () -> new Runnable[] {
            () -> {
                for (int i = 0; i < 200; i++) {
                    e.onNext(i);
                }
            },
            () -> {
                e.opsIn(up -> up.filter(x -> true));
                e.stop();
                e.start();
                e.opsIn(up -> up.map(x -> x));
            }
        });

        ElementStats s = e.stats();
        assertThat(s.itemsIn()).isEqualTo(200 * 200);
        assertThat(processed.get() + s.dropped()).as("every item processed or counted dropped").isEqualTo(s.itemsIn());
        assertThat(s.processed() + s.failed() + s.dropped() + s.queued()).isEqualTo(s.itemsIn());
    }

    // 4 ------------------------------------------------------------------------------------------------------------

    @Test
    void d4AnAsyncElementTakesNothingMoreAfterStopAndNeverHasTwoItemsInFlight() {
        List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Element<Integer, Integer> e = loop.async(Kind.EXECUTE, "later", (Integer x, Output<Integer> out) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Void> f = new CompletableFuture<>();
            stages.add(f);
            return f.whenComplete((r, t) -> inFlight.decrementAndGet());
        });

        e.onNext(1);
        e.onNext(2);
        e.opsIn(up -> up.map(x -> x));
        e.onNext(3);
        e.stop();
        stages.get(0).complete(null);

        assertThat(stages).as("nothing taken after stop").hasSize(1);
        assertThat(most.get()).isEqualTo(1);
        ElementStats s = e.stats();
        assertThat(s.dropped(DropReason.STOPPED)).as("item 2, waiting").isEqualTo(1);
        assertThat(s.processed()).as("item 1, and item 3 taken by the operators").isEqualTo(2);
        assertThat(s.queued()).isZero();
    }

    // 5 ------------------------------------------------------------------------------------------------------------

    @Test
    void d5PortOutIsSerializedBetweenOpsOutOnAnotherThreadAndPortOutPushes() {
        Element<Integer, Integer> e = loop.execute("out", (Integer x, Output<Integer> o) -> o.next(x))
                .opsOut(up -> up.observeOn(Schedulers.computation()));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger got = new AtomicInteger();
        e.subscribe(x -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            spin();
            got.incrementAndGet();
            inside.decrementAndGet();
        });
        Observer<Integer> port = e.portOut();
        int rounds = 300;
        int each = 100;
        race(rounds, () -> new Runnable[] {
            () -> {
                for (int i = 0; i < each; i++) {
                    e.onNext(i);
                }
            },
            () -> {
                for (int i = 0; i < each; i++) {
                    port.onNext(i);
                }
            }
        });

        await().atMost(10, TimeUnit.SECONDS).until(() -> got.get() == 2 * rounds * each);
        assertThat(overlaps.get()).as("subscriber entered twice at once").isZero();
        assertThat(e.stats().itemsOut()).isEqualTo(2L * rounds * each);
    }

    // 6 ------------------------------------------------------------------------------------------------------------

    static final class Counter extends Execute<Integer, Void> {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        volatile long total;

        Counter() {
            super("counter");
            opsIn(up -> up.observeOn(Schedulers.computation()));
            queueCapacity(Integer.MAX_VALUE);
        }

        private void enter() {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            spin();
        }

        @Override
        protected void process(Integer item, Output<Void> out) {
            enter();
            total += item;
            inside.decrementAndGet();
        }

        @CallableMethod
        void add(int n) {
            enter();
            total += n;
            inside.decrementAndGet();
        }
    }

    @Test
    void d6CallableMethodsNeverRunConcurrentlyWithProcess() {
        Counter c = loop.add(new Counter());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Element<Object, Void> port = (Element) c;
        int n = 20_000;
        race(() -> {
            for (int i = 0; i < n; i++) {
                port.onNext(1);
            }
        }, () -> {
            for (int i = 0; i < n; i++) {
                port.onNext(CallMethod.of("add", 1));
            }
        });

        await().atMost(10, TimeUnit.SECONDS).until(() -> c.total == 2L * n);
        assertThat(c.stats().processed()).isEqualTo(2L * n);
        assertThat(c.overlaps.get()).isZero();
        assertThat(c.total).isEqualTo(2L * n);
    }

    // 7 ------------------------------------------------------------------------------------------------------------

    @Test
    void d7StatsAreVisibleToAnotherThread() throws Exception {
        Element<Integer, Integer> e = loop.execute("seen", (Integer x, Output<Integer> o) -> o.next(x));
        CountDownLatch reading = new CountDownLatch(1);
        var reader = pool.submit(() -> {
            reading.countDown();
            while (e.stats().itemsOut() < 1_000_000) {
                Thread.onSpinWait();
            }
            return true;
        });
        reading.await();
        for (int i = 0; i < 1_000_000; i++) {
            e.onNext(i);
        }

        assertThat(reader.get(10, TimeUnit.SECONDS)).isTrue();
    }

    // 8 ------------------------------------------------------------------------------------------------------------

    @Test
    void d8PortOutOutlivesAnySource() {
        Element<Integer, Integer> e = loop.execute("long_lived", (Integer x, Output<Integer> o) -> o.next(x));
        TestObserver<Integer> first = e.test();

        e.portOut().onComplete();
        e.portOut().onError(new IllegalStateException("a remote source failed"));
        Observable.just(1).subscribe(e.portOut());
        e.onNext(2);

        first.assertValues(1, 2).assertNotComplete().assertNoErrors();
        TestObserver<Integer> late = e.test();
        e.onNext(3);
        late.assertValues(3).assertNotComplete();
    }

    @Test
    void d8PropagatedErrorsEndTheirSubscribersButNotPortOut() {
        Element<Integer, Integer> e = loop.execute("strict", (Integer x, Output<Integer> o) -> {
            if (x == 0) {
                throw new IllegalStateException("boom");
            }
            o.next(x);
        }).propagateErrors(true);
        TestObserver<Integer> first = e.test();

        e.onNext(0);
        TestObserver<Integer> second = e.test();
        e.onNext(1);

        first.assertError(IllegalStateException.class);
        second.assertValues(1).assertNoErrors();
    }

    @Test
    void d8OptedInTerminationIsStickyUntilRestart() {
        Element<Integer, Integer> e = loop.execute("rx_like", (Integer x, Output<Integer> o) -> o.next(x))
                .propagateTermination(true);
        TestObserver<Integer> first = e.test();

        e.portOut().onComplete();
        TestObserver<Integer> late = e.test();
        e.stop();
        e.start();
        TestObserver<Integer> revived = e.test();
        e.onNext(1);

        first.assertComplete();
        late.assertComplete();
        revived.assertValues(1);
    }

    // 9 ------------------------------------------------------------------------------------------------------------

    @Test
    void d9ASubscriberThatDisposesInOnSubscribeIsNotKept() {
        Element<Integer, Integer> e = loop.execute("e", (Integer x, Output<Integer> o) -> o.next(x));
        e.subscribe(new Observer<Integer>() {
            @Override
            public void onSubscribe(Disposable d) {
                d.dispose();
            }

            @Override
            public void onNext(Integer x) {
                throw new AssertionError("disposed");
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });

        assertThat(e.subscriberCount()).isZero();
    }

    @Test
    void d9LinkAndUnlinkCyclesKeepNoDisposedUpstreams() {
        Element<Integer, Integer> src = loop.execute("src", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> dst = loop.execute("dst", (Integer x, Output<Integer> o) -> o.next(x));

        for (int i = 0; i < 100_000; i++) {
            src.link(dst).dispose();
        }
        Disposable kept = src.link(dst);

        assertThat(dst.sourceCount()).isEqualTo(1);
        assertThat(src.subscriberCount()).isEqualTo(1);
        kept.dispose();
        assertThat(dst.sourceCount()).isZero();
    }

    // 10 -----------------------------------------------------------------------------------------------------------

    @Test
    void d10AStageThatNeverCompletesTimesOutAndTheElementTakesItsNextItem() {
        List<Integer> started = new CopyOnWriteArrayList<>();
        Element<Integer, Integer> e = loop.async(Kind.EXECUTE, "stuck", (Integer x, Output<Integer> out) -> {
            started.add(x);
            return x == 1 ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
        }).asyncTimeout(Duration.ofMillis(100));

        e.onNext(1);
        e.onNext(2);

        await().atMost(5, TimeUnit.SECONDS).until(() -> e.stats().processed() == 1);
        assertThat(started).containsExactly(1, 2);
        assertThat(e.stats().failed()).isEqualTo(1);
        assertThat(e.stats().queued()).isZero();
    }

    // 11 -----------------------------------------------------------------------------------------------------------

    @Test
    void d11DropsAreCountedByReason() {
        Element<Integer, Integer> monitor = loop.monitor("m", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> plan = loop.plan("p", (Integer x, Output<Integer> o) -> o.next(x));

        monitor.onNext(1);
        plan.onNext(1);
        loop.remove("p");
        plan.onNext(2);

        assertThat(monitor.stats().dropped(DropReason.STOPPED)).isEqualTo(1);
        assertThat(plan.stats().dropped(DropReason.NO_SUBSCRIBER)).isEqualTo(1);
        assertThat(plan.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
        assertThat(plan.stats().droppedBy()).containsOnlyKeys("no-subscriber", "closed");
    }

    /** An item that counts how often it is rendered, and throws when told to. */
    static final class Rendered {
        final AtomicInteger renders = new AtomicInteger();
        final boolean hostile;

        Rendered(boolean hostile) {
            this.hostile = hostile;
        }

        @Override
        public String toString() {
            renders.incrementAndGet();
            if (hostile) {
                throw new IllegalStateException("no text for you");
            }
            return "rendered";
        }
    }

    @Test
    void d11ADropRendersItsItemOnlyForTheLineItLogs() {
        Element<Object, Object> monitor = loop.monitor("m", (Object x, Output<Object> o) -> o.next(x));
        Rendered item = new Rendered(false);

        for (int i = 0; i < 10_000; i++) {
            monitor.onNext(item);
        }

        assertThat(monitor.stats().dropped(DropReason.STOPPED)).isEqualTo(10_000);
        assertThat(item.renders).as("one line logged, the rest counted for the next").hasValueLessThanOrEqualTo(2);
    }

    @Test
    void d11AnItemWhoseToStringThrowsIsStillDroppedCountedAndFailuresReported() {
        Element<Object, Object> monitor = loop.monitor("m", (Object x, Output<Object> o) -> o.next(x));
        Element<Object, Object> failing = loop.analyze("a", (Object x, Output<Object> o) -> {
            throw new IllegalArgumentException("refused");
        });
        failing.start();

        assertThatCode(() -> monitor.onNext(new Rendered(true))).doesNotThrowAnyException();
        failing.onNext(new Rendered(true));
        failing.onNext(1);

        assertThat(monitor.stats().dropped(DropReason.STOPPED)).isEqualTo(1);
        assertThat(monitor.stats().errors()).isZero();
        assertThat(failing.stats().failed()).isEqualTo(2);
        assertThat(failing.stats().errors()).as("each failure once, no fault of the gate besides").isEqualTo(2);
        assertThat(failing.isRunning()).isTrue();
    }

    @Test
    void d11ASubscriberThatThrowsIsAnErrorOfTheElement_reportedEachTime_loggedRateLimited() {
        Element<Integer, Integer> monitor = loop.monitor("m", (Integer x, Output<Integer> o) -> o.next(x));
        List<Integer> others = new CopyOnWriteArrayList<>();
        monitor.subscribe(new Observer<Integer>() {
            @Override
            public void onSubscribe(Disposable d) {
            }

            @Override
            public void onNext(Integer x) {
                throw new IllegalStateException("refused " + x);
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });
        monitor.subscribe(others::add);
        List<io.mape.observe.Event> events = new CopyOnWriteArrayList<>();
        io.mape.observe.Observability.of(app).listen(events::add);
        monitor.start();

        String log = io.mape.testing.StdErr.during(() -> {
            for (int i = 0; i < 1_000; i++) {
                monitor.onNext(i);
            }
        });

        assertThat(others).hasSize(1_000);
        assertThat(monitor.stats().errors()).isEqualTo(1_000);
        assertThat(events).hasSize(1_000).allMatch(e -> e instanceof io.mape.observe.Event.Failure f
                && f.path().equals("dp.m"));
        assertThat(log.lines().filter(l -> l.contains("a subscriber of dp.m threw"))).as(log).hasSize(1);
    }

    // 12 -----------------------------------------------------------------------------------------------------------

    @Test
    void d12TheInputQueueIsBoundedAndOverflowIsCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Element<Integer, Void> e = loop.execute("bounded", (Integer x, Output<Void> o) -> release.await(10, TimeUnit.SECONDS))
                .queueCapacity(10);
        var blocked = pool.submit(() -> e.onNext(0));
        await().atMost(5, TimeUnit.SECONDS).until(() -> e.stats().itemsIn() == 1);

        for (int i = 1; i <= 100; i++) {
            e.onNext(i);
        }
        assertThat(e.stats().queued()).isEqualTo(10);
        release.countDown();
        blocked.get(5, TimeUnit.SECONDS);

        ElementStats s = e.stats();
        assertThat(s.dropped(DropReason.OVERFLOW)).isEqualTo(90);
        assertThat(s.processed()).isEqualTo(11);
        assertThat(s.itemsIn()).isEqualTo(101);
    }

    // 13 -----------------------------------------------------------------------------------------------------------

    @Test
    void d13AKnowledgeFactoryThatAsksForTheAppsKnowledgeGetsAClearError() {
        assertThatThrownBy(() -> App.builder().config(MapeConfig.defaults()).knowledge(a -> {
            a.k();
            return InMemoryKnowledgeBackend.builder().build();
        }).build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("Knowledge factory");
    }
}
