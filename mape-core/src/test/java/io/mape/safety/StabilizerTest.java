package io.mape.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StabilizerTest {

    private final TestScheduler clock = new TestScheduler();
    private final PublishSubject<Integer> replicas = PublishSubject.create();

    private void at(long second, int recommendation) {
        clock.advanceTimeTo(second, TimeUnit.SECONDS);
        replicas.onNext(recommendation);
    }

    @Test
    void aScaleDownActsOnlyOnceWantedForTheWholeWindowAtTheWindowsMaximum() {
        Stabilizer<Integer> s = Stabilizer.<Integer>builder(Integer::doubleValue).scheduler(clock)
                .options(StabilizerOptions.builder().downWindow(Duration.ofSeconds(10)).build()).build();
        TestObserver<Integer> out = replicas.compose(s).test();

        at(0, 8);    // first: acted on
        at(1, 4);    // wanted down, the window holds 8
        at(5, 6);
        at(9, 3);
        at(11, 3);   // window [1, 11] holds 4, 6, 3, 3: down to 6
        at(16, 3);   // window [6, 16]: 3, 3, 3: down to 3

        out.assertValues(8, 6, 3);
        assertThat(s.stats().withheldBy()).containsEntry("stabilization", 3L);
    }

    @Test
    void aScaleUpWithoutAWindowActsAtOnce() {
        Stabilizer<Integer> s = Stabilizer.<Integer>builder(Integer::doubleValue).scheduler(clock).build();
        TestObserver<Integer> out = replicas.compose(s).test();
        at(0, 2);
        at(1, 5);
        at(2, 5);
        out.assertValues(2, 5);
        assertThat(s.stats().withheldBy()).containsEntry("unchanged", 1L);
    }

    @Test
    void aScaleUpWindowActsAtTheWindowsMinimum() {
        Stabilizer<Integer> s = Stabilizer.<Integer>builder(Integer::doubleValue).scheduler(clock)
                .options(StabilizerOptions.builder().upWindow(Duration.ofSeconds(3)).build()).build();
        TestObserver<Integer> out = replicas.compose(s).test();
        at(0, 2);
        at(1, 9);    // window [-2, 1] holds 2: no rise yet
        at(2, 7);
        at(4, 8);    // window [1, 4] holds 9, 7, 8: up to 7
        out.assertValues(2, 7);
    }

    @Test
    void changesBelowTheDirectionsToleranceAreNotActedOn() {
        Stabilizer<Double> s = Stabilizer.<Double>builder(x -> x).scheduler(clock)
                .options(StabilizerOptions.builder().downWindow(Duration.ZERO).upTolerance(1).downTolerance(5)
                        .build()).build();
        TestObserver<Veto<Double>> vetoes = s.vetoes().test();
        PublishSubject<Double> speed = PublishSubject.create();
        TestObserver<Double> out = speed.compose(s).test();
        for (double x : new double[] {100, 100.5, 102, 98, 90}) {   // +0.5 < 1, +2, -4 < 5, -12
            clock.advanceTimeBy(1, TimeUnit.SECONDS);
            speed.onNext(x);
        }
        out.assertValues(100.0, 102.0, 90.0);
        vetoes.assertValueCount(2).assertValueAt(0, v -> v.by().equals("tolerance"));
    }

    @Test
    void anInitialValueStabilizesTheFirstRecommendationToo() {
        Stabilizer<Integer> s = Stabilizer.<Integer>builder(Integer::doubleValue).scheduler(clock).initial(4)
                .options(StabilizerOptions.builder().downWindow(Duration.ofSeconds(10)).build()).build();
        TestObserver<Integer> out = replicas.compose(s).test();
        at(0, 1);
        at(5, 1);
        at(10, 1);
        out.assertValues(1);
        assertThat(s.stats().withheldBy()).containsEntry("stabilization", 2L);
    }

    @Test
    void eachKeyIsStabilizedOnItsOwn() {
        record Lanes(String road, int lanes) { }
        Stabilizer<Lanes> s = Stabilizer.<Lanes>builder(Lanes::lanes).key(Lanes::road).scheduler(clock).build();
        PublishSubject<Lanes> plans = PublishSubject.create();
        TestObserver<Lanes> out = plans.compose(s).test();
        plans.onNext(new Lanes("up", 3));
        plans.onNext(new Lanes("down", 1));
        plans.onNext(new Lanes("up", 2));
        out.assertValues(new Lanes("up", 3), new Lanes("down", 1));
    }

    @Test
    void optionsDefaultToTheHpasAndRefuseNegatives() {
        assertThat(StabilizerOptions.defaults().downWindow()).hasSeconds(300);
        assertThat(StabilizerOptions.defaults().upWindow()).isZero();
        assertThat(StabilizerOptions.defaults().toBuilder().upTolerance(2).build().upTolerance()).isEqualTo(2);
        assertThatThrownBy(() -> StabilizerOptions.builder().downTolerance(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("downTolerance");
    }
}
