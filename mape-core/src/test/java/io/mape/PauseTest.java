package io.mape;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;

import io.mape.annotation.CallableMethod;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Loop#pause()}: a paused loop senses and plans but does not act; what reaches Execute is counted. */
class PauseTest {

    private final App app = App.create(MapeConfig.defaults());
    private final Loop loop = app.loop("pause");
    private final TestScheduler time = new TestScheduler();
    private final List<Integer> acted = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        app.close();
    }

    private Element<Integer, Integer> effector(Loop in) {
        return in.execute("act", (Integer x, Output<Integer> out) -> acted.add(x));
    }

    @Test
    void nothingActsWhilePausedWhatArrivesIsCountedAsPausedAndResumeActsInOrderAgain() {
        Element<Integer, Integer> monitor = loop.monitor("m", (Integer x, Output<Integer> out) -> out.next(x));
        Element<Integer, Integer> plan = loop.plan("p", (Integer x, Output<Integer> out) -> out.next(x * 10));
        Element<Integer, Integer> act = effector(loop);
        monitor.link(plan);
        plan.link(act);
        monitor.start();
        Observable.interval(1, TimeUnit.SECONDS, time).map(t -> t.intValue() + 1).subscribe(monitor);

        time.advanceTimeTo(2, TimeUnit.SECONDS);
        assertThat(loop.pause()).isTrue();
        assertThat(loop.pause()).as("pausing twice is harmless").isFalse();
        assertThat(loop.isPaused()).isTrue();
        time.advanceTimeTo(5, TimeUnit.SECONDS);

        assertThat(acted).as("nothing acts while paused").containsExactly(10, 20);
        assertThat(plan.stats().processed()).as("it still senses and plans").isEqualTo(5);
        assertThat(act.stats().dropped(DropReason.PAUSED)).isEqualTo(3);
        assertThat(act.stats().droppedBy()).containsEntry("paused", 3L);

        assertThat(loop.resume()).isTrue();
        assertThat(loop.resume()).as("resuming twice is harmless").isFalse();
        time.advanceTimeTo(7, TimeUnit.SECONDS);

        assertThat(acted).as("held items are not replayed; new ones act in order").containsExactly(10, 20, 60, 70);
        ElementStats s = act.stats();
        assertThat(s.itemsIn()).isEqualTo(s.processed() + s.dropped()).isEqualTo(7);
    }

    @Test
    void anItemWaitingForTheExecutesSchedulerWhenTheLoopPausesDoesNotAct() {
        Element<Integer, Integer> act = effector(loop).scheduler(time);
        act.onNext(1);
        act.onNext(2);
        loop.pause();
        time.triggerActions();

        assertThat(acted).isEmpty();
        assertThat(act.stats().dropped(DropReason.PAUSED)).isEqualTo(2);
    }

    @Test
    void onlyExecuteElementsArePaused() {
        List<Integer> analyzed = new CopyOnWriteArrayList<>();
        Element<Integer, Integer> analyze = loop.analyze("a", (Integer x, Output<Integer> out) -> analyzed.add(x));
        analyze.start();
        loop.pause();
        analyze.onNext(1);

        assertThat(analyzed).containsExactly(1);
        assertThat(analyze.stats().dropped()).isZero();
    }

    /** A CallMethod runs a method of the effector, which may act: a paused loop runs none of them. */
    static final class Valve extends Execute<Object, Void> {
        final List<Integer> openedTo = new CopyOnWriteArrayList<>();

        Valve() {
            super("valve");
        }

        @CallableMethod
        public void open(int percent) {
            openedTo.add(percent);
        }
    }

    @Test
    void aCallMethodToAPausedExecuteRunsNothingIsCountedAsPausedAndOneAfterResumeRuns() {
        Valve valve = loop.add(new Valve());
        loop.pause();
        valve.onNext(CallMethod.of("open", 80));

        assertThat(valve.openedTo).isEmpty();
        assertThat(valve.stats().dropped(DropReason.PAUSED)).isEqualTo(1);

        loop.resume();
        valve.onNext(CallMethod.of("open", 30));

        assertThat(valve.openedTo).containsExactly(30);
        assertThat(valve.stats().processed()).isEqualTo(1);
    }

    @Test
    void anExecuteAddedToAPausedLoopIsPausedToo() {
        loop.pause();
        Element<Integer, Integer> act = effector(loop);
        act.onNext(1);

        assertThat(acted).isEmpty();
        assertThat(act.stats().dropped(DropReason.PAUSED)).isEqualTo(1);
    }

    @Test
    void aPauseRacingItemsLetsAPrefixActAndCountsTheRestAsPaused() {
        int n = 200;
        for (int round = 0; round < 50; round++) {
            acted.clear();
            Loop l = app.loop("race" + round);
            Element<Integer, Integer> act = effector(l);
            race(() -> IntStream.rangeClosed(1, n).forEach(act::onNext), l::pause);

            int k = acted.size();
            assertThat(acted).as("round %d: in order, none lost", round)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, k).boxed().toList());
            assertThat(act.stats().dropped(DropReason.PAUSED)).as("round %d", round).isEqualTo(n - k);

            l.resume();
            act.onNext(n + 1);
            assertThat(acted).as("round %d: acts again", round).endsWith(n + 1);
        }
    }
}
