package io.mape.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VirtualCarSpeedTest {

    private final VirtualCarSpeed car = new VirtualCarSpeed("Panda", 36, 70, 70, 0);

    @Test
    void gasAddsATenthOfThePowerPerSecond() {
        car.gas(50);
        car.update(2);

        assertThat(car.speed()).isCloseTo(36 + 0.1 * 50 * 2, within(1e-9));
    }

    @Test
    void theBrakeTakesHalfThePowerPerSecond() {
        car.brake(-20);
        car.update(1);

        assertThat(car.speed()).isCloseTo(26, within(1e-9));
    }

    @Test
    void withNoPedalFrictionTakes4KmhPerSecond() {
        car.gas(0);
        car.update(0.5);

        assertThat(car.speed()).isCloseTo(34, within(1e-9));
    }

    @Test
    void thePositionAdvancesAtTheNewSpeed() {
        car.update(1);

        assertThat(car.position()).isCloseTo(32 / 3.6, within(1e-9));
    }

    @Test
    void callbacksHearSpeedThenPosition() {
        List<Map<String, Object>> seen = new ArrayList<>();
        car.onChange("speed", seen::add);
        car.onChange("position", seen::add);
        seen.clear();

        car.update(1);

        assertThat(seen).extracting(m -> m.keySet().iterator().next()).containsExactly("speed", "position");
    }
}
