package io.mape.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mape.safety.SafetyOperator;
import io.mape.safety.Veto;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LeaderOpsTest {

    private final TestScheduler clock = new TestScheduler();
    private final InMemoryLeaseStore store = InMemoryLeaseStore.create(() -> clock.now(TimeUnit.NANOSECONDS));

    private Leadership candidate(String owner) {
        return Leadership.builder(store, "master").owner(owner).scheduler(clock)
                .clock(() -> clock.now(TimeUnit.NANOSECONDS)).build();
    }

    @Test
    void aStreamActsOnlyWhileThisProcessLeads() {
        Leadership a = candidate("a");
        clock.triggerActions();
        Leadership b = candidate("b");
        clock.triggerActions();
        PublishSubject<String> plans = PublishSubject.create();
        SafetyOperator<String, String> onA = LeaderOps.whileLeading(a);
        SafetyOperator<String, String> onB = LeaderOps.whileLeading(b);
        TestObserver<String> actedA = plans.compose(onA).test();
        TestObserver<String> actedB = plans.compose(onB).test();

        plans.onNext("1");
        a.close();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);
        plans.onNext("2");

        actedA.assertValues("1");
        actedB.assertValues("2");
        assertThat(onB.stats().withheldBy()).containsEntry("not-leader", 1L);
    }

    @Test
    void plansAreStampedWithTheTermsTokenAndAStaleTermIsRefused() {
        Leadership a = candidate("a");
        clock.triggerActions();
        Observable.just("p").compose(LeaderOps.stamp(a)).test().assertValue(new Fenced<>("p", 1));

        SafetyOperator<Fenced<String>, String> fence = LeaderOps.fence();
        TestObserver<Veto<Fenced<String>>> refused = fence.vetoes().test();
        Observable.just(new Fenced<>("old", 1), new Fenced<>("new", 2), new Fenced<>("late", 1),
                new Fenced<>("again", 2)).compose(fence).test().assertValues("old", "new", "again");
        refused.assertValue(v -> v.item().value().equals("late") && v.by().equals("stale-token"));
    }

    @Test
    void aFollowerStampsNothing() {
        candidate("a");
        clock.triggerActions();
        Leadership b = candidate("b");
        clock.triggerActions();
        Observable.just("p").compose(LeaderOps.stamp(b)).test().assertNoValues().assertComplete();
    }
}
