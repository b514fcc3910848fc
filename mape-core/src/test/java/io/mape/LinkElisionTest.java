package io.mape;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;

import io.mape.config.MapeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An element whose only source is another element's port out runs inside that element's gate; an external push,
 * a second source or a feedback link must still find it serialized.
 */
class LinkElisionTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("el");
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();

    @AfterEach
    void close() {
        app.close();
    }

    private Element<Integer, Integer> relay(String uid, List<Integer> got) {
        return loop.execute(uid, (Integer x, Output<Integer> o) -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            DataPathTest.spin();
            got.add(x);
            inside.decrementAndGet();
            o.next(x);
        });
    }

    @Test
    void anExternalPushIntoALinkedElementRacingItsSourceIsSerialized() {
        List<Integer> got = new ArrayList<>();
        Element<Integer, Integer> head = loop.execute("head", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> tail = relay("tail", got);
        head.link(tail);

        race(1_000, () -> new Runnable[] {() -> head.onNext(1), () -> tail.onNext(2)});

        assertThat(overlaps.get()).isZero();
        assertThat(got).hasSize(2_000);
        assertThat(tail.stats().processed()).isEqualTo(2_000);
    }

    @Test
    void aSecondSourceArrivingWhileItemsFlowIsSerialized() {
        List<Integer> got = new ArrayList<>();
        // unbounded queues: on a loaded machine one thread can fall 10,000 items behind, and the default bound
        // would then drop (counted as overflow), which is not what this test is about
        Element<Integer, Integer> a = loop.execute("a", (Integer x, Output<Integer> o) -> o.next(x))
                .queueCapacity(Integer.MAX_VALUE);
        Element<Integer, Integer> b = loop.execute("b", (Integer x, Output<Integer> o) -> o.next(x))
                .queueCapacity(Integer.MAX_VALUE);
        Element<Integer, Integer> sink = relay("sink", got).queueCapacity(Integer.MAX_VALUE);
        a.link(sink);

        race(() -> {
            for (int i = 0; i < 20_000; i++) {
                a.onNext(i);
            }
        }, () -> {
            b.link(sink);
            for (int i = 0; i < 20_000; i++) {
                b.onNext(i);
            }
        });

        assertThat(overlaps.get()).isZero();
        assertThat(sink.stats().dropped()).isZero();
        assertThat(got).hasSize(40_000);
    }

    @Test
    void aFanInWhoseSourcesShareOneGateIsSerializedWithExternalPushes() {
        List<Integer> got = new ArrayList<>();
        Element<Integer, Integer> m = loop.execute("m", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> sink = relay("sink", got).queueCapacity(Integer.MAX_VALUE);
        for (int k = 0; k < 4; k++) {
            Element<Integer, Integer> branch = loop.execute("b" + k, (Integer x, Output<Integer> o) -> o.next(x));
            m.link(branch);
            branch.link(sink);
        }

        race(1_000, () -> new Runnable[] {() -> m.onNext(1), () -> sink.onNext(2)});

        assertThat(overlaps.get()).isZero();
        assertThat(got).hasSize(5_000);
    }

    @Test
    void aPushFromInsideTheBorrowedGateRunsAtOnceAsWithAGateOfItsOwn() {
        List<String> order = new ArrayList<>();
        Element<Integer, Integer> m = loop.execute("m", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> b = loop.execute("b", (Integer x, Output<Integer> o) -> order.add("b " + x));
        m.link(b);
        Element<Integer, Integer> a = loop.execute("a", (Integer x, Output<Integer> o) -> {
            b.onNext(x * 10);
            order.add("a " + x);
        });
        m.link(a);

        m.onNext(1);

        assertThat(order).containsExactly("b 1", "b 10", "a 1");
    }

    @Test
    void aFeedbackCycleThroughTwoLinkedElementsDoesNotRecurse() {
        List<Integer> got = new ArrayList<>();
        Element<Integer, Integer> a = loop.execute("a", (Integer x, Output<Integer> o) -> {
            got.add(x);
            if (x < 5_000) {
                o.next(x + 1);
            }
        });
        Element<Integer, Integer> b = loop.execute("b", (Integer x, Output<Integer> o) -> o.next(x));
        a.link(b);
        b.link(a);

        a.onNext(0);

        assertThat(got).hasSize(5_001).endsWith(5_000);
    }

    @Test
    void aChainOfLinkedElementsStopsAndStartsInOrder() {
        List<Integer> got = new ArrayList<>();
        Element<Integer, Integer> m = loop.monitor("m", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Integer> a = loop.analyze("a", (Integer x, Output<Integer> o) -> o.next(x));
        Element<Integer, Void> e = loop.execute("e", (Integer x, Output<Void> o) -> got.add(x));
        m.link(a);
        a.link(e);
        m.start();

        m.onNext(1);
        a.stop();
        m.onNext(2);
        a.start();
        m.onNext(3);

        assertThat(got).containsExactly(1, 3);
        assertThat(a.stats().dropped(DropReason.STOPPED)).isEqualTo(1);
    }
}
