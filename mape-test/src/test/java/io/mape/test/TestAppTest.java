package io.mape.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.DropReason;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Output;
import io.mape.knowledge.KnowledgeEvent;
import io.reactivex.rxjava3.schedulers.Timed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MapeExtension.class)
class TestAppTest {

    @Test
    void timersOnTheClockRunOnlyWhenTheTestAdvancesIt(TestApp t) {
        Loop loop = t.loop("thermostat");
        Element<Double, Double> mon = loop.monitor("temperature", (Double c, Output<Double> out) -> out.next(c));
        mon.opsOut(up -> up.sample(10, TimeUnit.SECONDS, t.clock()));
        mon.start();
        Probe<Double> probe = t.probe(mon);

        mon.onNext(20.5);
        probe.assertNoValues();
        t.advance(Duration.ofSeconds(10));
        probe.assertValues(20.5).assertNoErrors().assertNoDrops();
        assertThat(probe.timed()).extracting(Timed::time).containsExactly(Duration.ofSeconds(10).toNanos());
        assertThat(t.now()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void knowledgeExpiresAndNotifiesOnVirtualTime(TestApp t) {
        List<KnowledgeEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        t.app().k().changes("mode").subscribe(events::add);
        t.app().k().put("mode", "eco", Duration.ofSeconds(30));

        assertThat(events).as("delivered when the clock is advanced").isEmpty();
        t.advance(Duration.ZERO);
        assertThat(events).extracting(KnowledgeEvent::command).containsExactly("set", "expire");
        t.advance(Duration.ofSeconds(29));
        assertThat(t.app().k().get("mode", String.class)).isEqualTo("eco");
        t.advance(Duration.ofSeconds(1));
        assertThat(t.app().k().get("mode", String.class)).isNull();
    }

    @Test
    void aListScriptReadsAtItsPeriodThenFallsSilent(TestApp t) {
        Loop loop = t.loop("car");
        Element<Integer, Integer> speed = t.sensor(loop, "speed", Script.every(Duration.ofSeconds(2), List.of(50, 60, 70)));
        Probe<Integer> probe = t.probe(speed);

        t.advance(Duration.ofSeconds(3));
        probe.assertValues(50);
        t.advance(Duration.ofSeconds(60));
        probe.assertValues(50, 60, 70);
        assertThat(probe.timed()).extracting(Timed::time)
                .containsExactly(2_000_000_000L, 4_000_000_000L, 6_000_000_000L);
    }

    @Test
    void aFunctionScriptReadsTheTimeAndANullIsSilence(TestApp t) {
        Loop loop = t.loop("car");
        Element<Long, Long> odometer = t.sensor(loop, "odometer",
                Script.every(Duration.ofSeconds(1), (Duration at) -> at.toSeconds() % 3 == 0 ? null : at.toSeconds() * 10));
        Probe<Long> probe = t.probe(odometer);

        t.advance(Duration.ofSeconds(7));
        probe.assertValues(10L, 20L, 40L, 50L, 70L);
    }

    @Test
    void readingsAtGivenTimesKeepTheirOrder(TestApp t) {
        Loop loop = t.loop("door");
        Element<String, String> door = t.sensor(loop, "door", Script.<String>builder()
                .at(Duration.ofSeconds(5), "open").at(Duration.ofSeconds(5), "closed").at(Duration.ZERO, "closed").build());
        Probe<String> probe = t.probe(door);

        t.advance(Duration.ZERO);
        probe.assertValues("closed");
        t.advance(Duration.ofSeconds(5));
        probe.assertValues("closed", "open", "closed");
    }

    @Test
    void aRecordingEffectorRecordsWhatAPlanSendsItWithItsTime(TestApp t) {
        Loop loop = t.loop("heating");
        Element<Double, Boolean> plan = loop.plan("policy", (Double c, Output<Boolean> out) -> out.next(c < 19));
        RecordingEffector<Boolean> heater = t.effector(loop, "heater");
        plan.link(heater.element());
        t.sensor(loop, "temperature", Script.every(Duration.ofMinutes(1), List.of(18.0, 21.0))).link(plan);

        t.advance(Duration.ofMinutes(2));
        heater.assertValues(true, false).assertNoErrors();
        assertThat(heater.timed()).extracting(Timed::time)
                .containsExactly(Duration.ofMinutes(1).toNanos(), Duration.ofMinutes(2).toNanos());
    }

    @Test
    void assertionsNameTheElementAndWhatTheySaw(TestApp t) {
        Loop loop = t.loop("l");
        Element<Integer, Integer> a = loop.analyze("a", (Integer i, Output<Integer> out) -> {
            if (i == 0) {
                throw new IllegalArgumentException("zero");
            }
            out.next(10 / i);
        });
        Probe<Integer> probe = t.probe(a);
        a.onNext(5);
        a.onNext(0);

        probe.assertValues(2);
        assertThatThrownBy(() -> probe.assertValues(2, 3)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("l.a port out: expected [2, 3] but saw [2]");
        assertThatThrownBy(probe::assertNoErrors).isInstanceOf(AssertionError.class)
                .hasMessageContaining("the element counted 1");
        assertThatThrownBy(() -> probe.awaitCount(2, Duration.ofMillis(50))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2 items within PT0.05S but saw 1");
    }

    @Test
    void dropsAreAssertedByReason(TestApp t) {
        Loop loop = t.loop("l");
        Element<Integer, Integer> m = loop.monitor("m", (Integer i, Output<Integer> out) -> out.next(i));
        Probe<Integer> probe = t.probe(m);
        m.onNext(1);
        m.start();
        m.onNext(2);

        probe.assertValues(2).assertDropped(DropReason.STOPPED, 1).assertDropped(DropReason.OVERFLOW, 0);
        assertThatThrownBy(probe::assertNoDrops).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected no drops but saw {stopped=1}");
    }

    @Test
    void theClockDoesNotGoBack(TestApp t) {
        assertThatThrownBy(() -> t.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Script.every(Duration.ZERO, List.of(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
