package io.mape.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualCarGeneratorTest {

    private final VirtualCarGenerator generator = new VirtualCarGenerator("carriageway_up", 2, new Random(3));
    private final List<String> events = new ArrayList<>();
    private final Set<String> counted = new HashSet<>();

    VirtualCarGeneratorTest() {
        for (int lane = 0; lane < 4; lane++) {
            generator.onChange("enter_" + lane, this::seen);
            generator.onChange("exit_" + lane, this::seen);
        }
    }

    private void seen(Map<String, Object> event) {
        String action = event.keySet().iterator().next();
        events.add(action);
        if (action.startsWith("enter")) {
            counted.add((String) event.get(action));
        } else {
            counted.remove((String) event.get(action));
        }
    }

    @Test
    void carsEnterAndLeaveOnTheCurrentLanes() {
        generator.addRandomCars(10);
        generator.lanes(1);
        generator.removeRandomCars(4);

        assertThat(events.subList(0, 10)).allMatch(e -> e.equals("enter_0") || e.equals("enter_1"));
        assertThat(events.subList(10, 14)).containsOnly("exit_0");
        assertThat(generator.cars()).hasSize(6).isEqualTo(counted);
    }

    @Test
    void noMoreCarsLeaveThanThereAre() {
        generator.addRandomCars(2);
        generator.removeRandomCars(5);

        assertThat(generator.cars()).isEmpty();
        assertThat(events).hasSize(4);
    }

    @Test
    void autoGenerationActsEvery4Seconds() {
        TestScheduler clock = new TestScheduler();
        generator.start(clock);

        clock.advanceTimeBy(3999, TimeUnit.MILLISECONDS);
        assertThat(events).isEmpty();
        clock.advanceTimeBy(120, TimeUnit.SECONDS);

        assertThat(events).isNotEmpty();
        assertThat(generator.cars()).isEqualTo(counted);
    }
}
