package io.mape;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;

import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Loop#dryRun(boolean)}: the loop's Execute elements report what they would do instead of doing it. */
class LoopDryRunTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("shadow");
    private final TestScheduler time = new TestScheduler();
    private final List<Integer> acted = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void inDryRunExecuteReportsWhatItWouldDoCountsItAndActsAgainInOrderWhenSwitchedOff() {
        Element<Integer, Integer> monitor = loop.monitor("m", (Integer x, Output<Integer> out) -> out.next(x));
        Element<Integer, Integer> plan = loop.plan("p", (Integer x, Output<Integer> out) -> out.next(x * 10));
        Element<Integer, Integer> act = loop.execute("act", (Integer x, Output<Integer> out) -> acted.add(x));
        monitor.link(plan);
        plan.link(act);
        monitor.start();
        TestObserver<Loop.WouldExecute> would = loop.wouldExecute().test();
        Observable.interval(1, TimeUnit.SECONDS, time).map(t -> t.intValue() + 1).subscribe(monitor);

        time.advanceTimeTo(2, TimeUnit.SECONDS);
        assertThat(loop.dryRun(true)).isTrue();
        assertThat(loop.dryRun(true)).as("switching it on twice is harmless").isFalse();
        assertThat(loop.isDryRun()).isTrue();
        time.advanceTimeTo(5, TimeUnit.SECONDS);

        assertThat(acted).as("nothing acts in dry run").containsExactly(10, 20);
        would.assertValues(new Loop.WouldExecute(act, 30), new Loop.WouldExecute(act, 40),
                new Loop.WouldExecute(act, 50));
        assertThat(act.stats().dropped(DropReason.DRY_RUN)).isEqualTo(3);
        assertThat(act.stats().droppedBy()).containsEntry("dry-run", 3L);
        assertThat(plan.stats().processed()).as("it still senses and plans").isEqualTo(5);

        assertThat(loop.dryRun(false)).isTrue();
        time.advanceTimeTo(7, TimeUnit.SECONDS);

        assertThat(acted).containsExactly(10, 20, 60, 70);
        would.assertValueCount(3);
        ElementStats s = act.stats();
        assertThat(s.itemsIn()).isEqualTo(s.processed() + s.dropped()).isEqualTo(7);
    }

    @Test
    void aPausedLoopInDryRunDropsAsPausedAndReportsNothing() {
        Element<Integer, Integer> act = loop.execute("act", (Integer x, Output<Integer> out) -> acted.add(x));
        act.start();
        TestObserver<Loop.WouldExecute> would = loop.wouldExecute().test();
        loop.dryRun(true);
        loop.pause();

        act.onNext(1);

        assertThat(act.stats().dropped(DropReason.PAUSED)).isEqualTo(1);
        would.assertEmpty();
        assertThat(loop.resume()).isTrue();
        assertThat(loop.isDryRun()).as("resume leaves the dry run on").isTrue();
        act.onNext(2);
        would.assertValues(new Loop.WouldExecute(act, 2));
        assertThat(acted).isEmpty();
    }

    @Test
    void race_switchingItOffWhileItemsArrive_eachItemEitherActsOrIsReported_inOrder() {
        for (int round = 0; round < 50; round++) {
            App a = App.create(MapeConfig.defaults());
            try {
                Loop l = a.loop("race");
                List<Integer> did = new CopyOnWriteArrayList<>();
                Element<Integer, Integer> act = l.execute("act", (Integer x, Output<Integer> out) -> did.add(x));
                act.start();
                List<Integer> reported = new CopyOnWriteArrayList<>();
                l.wouldExecute().subscribe(w -> reported.add((Integer) w.item()));
                l.dryRun(true);

                race(() -> IntStream.rangeClosed(1, 200).forEach(act::onNext), () -> l.dryRun(false));

                List<Integer> all = new ArrayList<>(reported);
                all.addAll(did);
                assertThat(all).as("reported first, then acted: each once, in order")
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, 200).boxed().toList());
                assertThat(act.stats().dropped(DropReason.DRY_RUN)).isEqualTo(reported.size());
            } finally {
                a.close();
            }
        }
    }

    @Test
    void wouldExecuteCompletesWhenTheLoopIsRemovedOrItsAppCloses() {
        TestObserver<Loop.WouldExecute> removed = app.loop("gone").wouldExecute().test();
        TestObserver<Loop.WouldExecute> closed = loop.wouldExecute().test();

        assertThat(app.remove("gone")).isTrue();
        removed.assertNoValues().assertComplete();
        closed.assertNotComplete();

        app.close();
        closed.assertNoValues().assertComplete();
    }
}
