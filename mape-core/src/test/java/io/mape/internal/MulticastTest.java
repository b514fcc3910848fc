package io.mape.internal;

import static io.mape.TestHelper.race;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MulticastTest {

    private final List<Object> failedOn = new CopyOnWriteArrayList<>();
    private final Multicast<Integer> m = new Multicast<>((item, t) -> failedOn.add(item == null ? "termination" : item));

    @Test
    void aSubscriberDisposingInOnSubscribeIsNotKept() {
        m.add(new Observer<Integer>() {
            @Override
            public void onSubscribe(Disposable d) {
                d.dispose();
            }

            @Override
            public void onNext(Integer x) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        });

        assertThat(m.size()).isZero();
    }

    @Test
    void addRacingDisposeKeepsNothing() {
        for (int i = 0; i < 2_000; i++) {
            TestObserver<Integer> o = new TestObserver<>();
            Disposable[] d = new Disposable[1];
            race(() -> d[0] = m.add(o), () -> {
                while (o.isDisposed() == false && d[0] == null) {
                    Thread.onSpinWait();
                }
                o.dispose();
            });
            if (d[0] != null) {
                d[0].dispose();
            }
        }
        assertThat(m.size()).isZero();
    }

    @Test
    void itemsReachExactlyTheSubscribersThereAreAsTheirNumberGoesFromOneToTwoAndBack() {
        TestObserver<Integer> first = new TestObserver<>();
        TestObserver<Integer> second = new TestObserver<>();
        Disposable one = m.add(first);
        m.onNext(1);
        Disposable two = m.add(second);
        m.onNext(2);
        one.dispose();
        m.onNext(3);
        two.dispose();
        m.onNext(4);
        TestObserver<Integer> third = new TestObserver<>();
        Disposable again = m.add(third);
        m.onNext(5);
        again.dispose();
        m.onNext(6);

        first.assertValues(1, 2);
        second.assertValues(2, 3);
        third.assertValues(5);
        assertThat(m.size()).isZero();
    }

    @Test
    void aNonStickyTerminationEndsTheSubscribersThereAreOnly() {
        TestObserver<Integer> first = new TestObserver<>();
        m.add(first);

        m.terminate(new IllegalStateException("one source"), false);
        TestObserver<Integer> later = new TestObserver<>();
        m.add(later);
        m.onNext(1);

        first.assertError(IllegalStateException.class);
        later.assertValues(1).assertNotComplete();
        m.onComplete();
        later.assertComplete();
        TestObserver<Integer> afterSticky = new TestObserver<>();
        m.add(afterSticky);
        afterSticky.assertComplete();
        m.revive();
        TestObserver<Integer> revived = new TestObserver<>();
        m.add(revived);
        m.onNext(2);
        revived.assertValues(2);
    }

    @Test
    void aFatalErrorOfASubscriberIsThrownOn() {
        m.add(new TestObserver<Integer>() {
            @Override
            public void onNext(Integer t) {
                throw new OutOfMemoryError("simulated");
            }
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.onNext(1)).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aSubscriberThatThrowsIsReportedToTheOwnerAndTheOthersStillGetTheItem() {
        TestObserver<Integer> before = new TestObserver<>();
        TestObserver<Integer> after = new TestObserver<>();
        m.add(before);
        m.add(new TestObserver<Integer>() {
            @Override
            public void onNext(Integer t) {
                throw new IllegalStateException("refused");
            }

            @Override
            public void onComplete() {
                throw new IllegalStateException("refused too");
            }
        });
        m.add(after);

        m.onNext(1);
        m.onNext(2);
        m.terminate(null, false);

        before.assertValues(1, 2).assertComplete();
        after.assertValues(1, 2).assertComplete();
        assertThat(failedOn).containsExactly(1, 2, "termination");
    }
}
