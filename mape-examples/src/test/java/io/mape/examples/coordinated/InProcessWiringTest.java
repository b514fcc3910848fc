package io.mape.examples.coordinated;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.subjects.PublishSubject;
import org.junit.jupiter.api.Test;

class InProcessWiringTest {

    private final InProcessWiring wiring = new InProcessWiring();

    @Test
    void receiversGetWhatIsSentOnTheChannelsTheirPatternMatches() {
        PublishSubject<Boolean> panda = PublishSubject.create();
        PublishSubject<Boolean> ambulance = PublishSubject.create();
        wiring.send("car_Panda_safety.analyzer", panda, "car_*_safety.safety_policy");
        wiring.send("ambulance_emergency.emergency_detect", ambulance, "nowhere");
        TestObserver<Boolean> cars = wiring.<Boolean>receive("car_*_safety.analyzer", Boolean.class).test();

        panda.onNext(true);
        ambulance.onNext(false);
        panda.onNext(false);

        cars.assertValues(true, false);
    }

    @Test
    void disposingASendStopsIt() {
        PublishSubject<Integer> source = PublishSubject.create();
        Disposable sending = wiring.send("a.b", source, "c.d");
        TestObserver<Integer> seen = wiring.<Integer>receive("a.b", Integer.class).test();

        source.onNext(1);
        sending.dispose();
        source.onNext(2);

        seen.assertValues(1);
    }

    @Test
    void patternsFollowRedisGlobRules() {
        assertThat(InProcessWiring.glob("car_*_safety.analyzer").matcher("car_Panda_safety.analyzer").matches()).isTrue();
        assertThat(InProcessWiring.glob("car_*_safety.analyzer").matcher("car_Panda_safety.analyzerX").matches()).isFalse();
        assertThat(InProcessWiring.glob("car_?.x").matcher("car_a.x").matches()).isTrue();
        assertThat(InProcessWiring.glob("car_?.x").matcher("car_ab.x").matches()).isFalse();
        assertThat(InProcessWiring.glob("car_[xy].x").matcher("car_y.x").matches()).isTrue();
        assertThat(InProcessWiring.glob("car_[^xy].x").matcher("car_y.x").matches()).isFalse();
        assertThat(InProcessWiring.glob("a.b").matcher("aXb").matches()).as("a dot is a dot").isFalse();
        assertThat(InProcessWiring.glob("a\\*").matcher("a*").matches()).isTrue();
        assertThat(InProcessWiring.glob("a\\*").matcher("ab").matches()).isFalse();
    }
}
