package io.mape;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Element#swap}: the body of an element changes at run time between two items, none lost or reordered. */
class SwapTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("swap");
    private final TestScheduler time = new TestScheduler();

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void aSwappedPolicyPlansEveryLaterItemAndTheLoopLosesNone() {
        Element<Integer, Integer> monitor = loop.monitor("m", (Integer x, Output<Integer> out) -> out.next(x));
        Element<Integer, String> policy = loop.plan("policy", (Integer x, Output<String> out) -> out.next("keep " + x));
        List<String> acted = new CopyOnWriteArrayList<>();
        Element<String, Void> act = loop.execute("act", (String plan, Output<Void> out) -> acted.add(plan));
        monitor.link(policy);
        policy.link(act);
        monitor.start();
        Observable.interval(1, TimeUnit.SECONDS, time).map(t -> t.intValue() + 1).subscribe(monitor);

        time.advanceTimeTo(2, TimeUnit.SECONDS);
        assertThat(policy.swap((Integer x, Output<String> out) -> out.next("scale to " + x * 2))).isSameAs(policy);
        time.advanceTimeTo(4, TimeUnit.SECONDS);

        assertThat(acted).containsExactly("keep 1", "keep 2", "scale to 6", "scale to 8");
        assertThat(policy.stats().processed()).isEqualTo(4);
        assertThat(policy.stats().dropped()).isZero();
        assertThat(policy.isRunning()).isTrue();
    }

    @Test
    void aBodyGivenTheElementCanReplaceAPlainOneAndBack() {
        Element<Integer, String> e = loop.plan("p", (Integer x, Output<String> out) -> out.next("a" + x));
        TestObserver<String> seen = e.test();
        e.start();
        e.onNext(1);
        e.swap((Integer x, Output<String> out, Element<Integer, String> self) -> out.next(self.uid() + x));
        e.onNext(2);
        e.swap((Integer x, Output<String> out) -> out.next("b" + x));
        e.onNext(3);

        seen.assertValues("a1", "p2", "b3");
    }

    /** Items queue behind a scheduler while another thread swaps through 50 versions of the body. */
    @Test
    void swapsRacingQueuedItemsLoseNoneReorderNoneAndEachItemRunsOneVersionNeverAnOlderOne() {
        int n = 2_000;
        int versions = 50;
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < 20; round++) {
                Element<Integer, long[]> e = loop.analyze("a" + round,
                        (Integer x, Output<long[]> out) -> out.next(new long[] {0, x}));
                e.scheduler(Schedulers.from(worker)).start();
                TestObserver<long[]> seen = e.test();
                race(() -> IntStream.range(0, n).forEach(e::onNext), () -> {
                    for (int v = 1; v <= versions; v++) {
                        long version = v;
                        e.swap((Integer x, Output<long[]> out) -> out.next(new long[] {version, x}));
                    }
                });
                e.onNext(n);

                seen.awaitCount(n + 1);
                List<long[]> out = seen.values();
                assertThat(out).as("round %d: every item, once, in order", round).hasSize(n + 1);
                for (int i = 0; i < out.size(); i++) {
                    assertThat(out.get(i)[1]).as("round %d", round).isEqualTo(i);
                    if (i > 0) {
                        assertThat(out.get(i)[0]).as("round %d: item %d ran an older body than item %d", round, i, i - 1)
                                .isGreaterThanOrEqualTo(out.get(i - 1)[0]);
                    }
                }
                assertThat(out.get(n)[0]).as("round %d: after the last swap, the last body", round).isEqualTo(versions);
                assertThat(e.stats().processed()).isEqualTo(n + 1);
            }
        } finally {
            worker.shutdownNow();
        }
    }

    @Test
    void anAsynchronousStageInFlightEndsUnderTheOldBodyAndTheNextItemRunsTheNewOne() {
        CompletableFuture<Void> first = new CompletableFuture<>();
        Element<Integer, String> e = loop.async(Kind.EXECUTE, "slow", (Integer x, Output<String> out) -> {
            out.next("old start " + x);
            return first.thenRun(() -> out.next("old end " + x));
        });
        TestObserver<String> seen = e.test();
        e.start();
        e.onNext(1);
        e.onNext(2);
        e.swapAsync((Integer x, Output<String> out) -> {
            out.next("new " + x);
            return null;
        });
        seen.assertValues("old start 1");

        first.complete(null);

        seen.assertValues("old start 1", "old end 1", "new 2");
        assertThat(e.stats().processed()).isEqualTo(2);
    }

    @Test
    void aBodyOfOtherTypesOrShapeIsRefusedAndTheOldOneStays() {
        Element<Integer, Integer> e = loop.plan("typed", (Integer x, Output<Integer> out) -> out.next(x + 1));
        TestObserver<Integer> seen = e.test();
        e.start();

        assertThatThrownBy(() -> e.swap(notAnInteger()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swap.typed takes Integer").hasMessageContaining("the new body takes String");
        assertThatThrownBy(() -> e.swapAsync((Integer x, Output<Integer> out) -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("synchronous body");
        assertThat(e.swap((Number x, Output<Integer> out) -> out.next(x.intValue() * 100)))
                .as("a body taking a supertype of what the element takes fits").isSameAs(e);
        e.onNext(2);

        seen.assertValues(200);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ElementFunction<Integer, Integer> notAnInteger() {
        ElementFunction<String, Integer> takesString = (String s, Output<Integer> out) -> out.next(s.length());
        return (ElementFunction) takesString;
    }

    @Test
    void anElementThatIsAClassHasNoLambdaToSwapAndSaysWhatToDoInstead() {
        Plan<Integer, Integer> plan = loop.add(new Plan<Integer, Integer>("cls") { });
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> plan.swap((Integer x, Output<Integer> out) -> calls.incrementAndGet()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("swap.cls")
                .hasMessageContaining("@CallableMethod");
        assertThat(calls).hasValue(0);
    }
}
