package io.mape.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.leader.spi.LeaseStore;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LeadershipTest {

    private static final LeaseOptions OPTIONS = LeaseOptions.builder().ttl(Duration.ofSeconds(10))
            .renewEvery(Duration.ofSeconds(3)).retryEvery(Duration.ofSeconds(1)).driftAllowance(Duration.ofSeconds(1))
            .build();

    private final TestScheduler clock = new TestScheduler();
    private final InMemoryLeaseStore store = InMemoryLeaseStore.create(() -> clock.now(TimeUnit.NANOSECONDS));

    private Leadership candidate(LeaseStore on, String owner) {
        return Leadership.builder(on, "master").owner(owner).options(OPTIONS).scheduler(clock)
                .clock(() -> clock.now(TimeUnit.NANOSECONDS)).build();
    }

    @Test
    void oneOfSeveralCandidatesLeadsAndRenewsItsLease() {
        Leadership a = candidate(store, "a");
        Leadership b = candidate(store, "b");
        clock.triggerActions();
        assertThat(a.isLeader()).isTrue();
        assertThat(a.fencingToken()).isEqualTo(1);
        assertThat(b.isLeader()).isFalse();
        assertThat(b.fencingToken()).isZero();

        clock.advanceTimeBy(60, TimeUnit.SECONDS);
        assertThat(a.isLeader()).isTrue();
        assertThat(b.isLeader()).isFalse();
        assertThat(store.holder("master")).isEqualTo("a");
    }

    @Test
    void whenTheLeaderCloses_anotherTakesOverWithAHigherToken() {
        Leadership a = candidate(store, "a");
        clock.triggerActions();
        Leadership b = candidate(store, "b");
        TestObserver<LeaderState> changes = b.changes().test();
        TestObserver<LeaderState> ofA = a.changes().test();
        clock.triggerActions();

        a.close();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);

        changes.assertValues(new LeaderState(false, 0, "b"), new LeaderState(true, 2, "b"));
        ofA.assertValues(new LeaderState(true, 1, "a"), new LeaderState(false, 0, "a")).assertComplete();
    }

    @Test
    void aLeaderThatCannotReachTheStoreStopsBeforeTheLeaseCanPassToAnother() {
        AtomicBoolean down = new AtomicBoolean();
        LeaseStore flaky = new LeaseStore() {
            @Override
            public OptionalLong acquire(String name, String owner, Duration ttl) {
                check();
                return store.acquire(name, owner, ttl);
            }

            @Override
            public boolean renew(String name, String owner, Duration ttl) {
                check();
                return store.renew(name, owner, ttl);
            }

            @Override
            public void release(String name, String owner) {
                store.release(name, owner);
            }

            private void check() {
                if (down.get()) {
                    throw new IllegalStateException("connection refused");
                }
            }
        };
        Leadership a = candidate(flaky, "a");
        Leadership b = candidate(store, "b");
        clock.triggerActions();
        assertThat(a.isLeader()).isTrue();

        clock.advanceTimeBy(3, TimeUnit.SECONDS);   // renewed at 3 s: the store's lease lasts to 13 s
        down.set(true);
        clock.advanceTimeBy(8, TimeUnit.SECONDS);   // 11 s: renewals fail
        assertThat(a.isLeader()).isTrue();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);   // 12 s = 3 + ttl - drift: a stops
        assertThat(a.isLeader()).isFalse();
        assertThat(b.isLeader()).isFalse();
        clock.advanceTimeBy(1, TimeUnit.SECONDS);   // 13 s: the lease expires, b takes it
        assertThat(b.isLeader()).isTrue();
        assertThat(b.fencingToken()).isEqualTo(2);
    }

    @Test
    void aLeaderWhoseLeaseIsGoneStopsAtTheNextRenewal() {
        Leadership a = candidate(store, "a");
        clock.triggerActions();
        store.release("master", "a");
        Leadership b = candidate(store, "b");
        clock.triggerActions();
        assertThat(b.fencingToken()).isEqualTo(2);
        clock.advanceTimeBy(3, TimeUnit.SECONDS);
        assertThat(a.isLeader()).isFalse();
        assertThat(b.isLeader()).isTrue();
    }

    @Test
    void optionsRefuseARenewalSlowerThanTheLease() {
        assertThatThrownBy(() -> LeaseOptions.builder().ttl(Duration.ofSeconds(3)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThat(LeaseOptions.defaults().toBuilder().ttl(Duration.ofSeconds(20)).build().ttl()).hasSeconds(20);
    }
}
