package io.mape.examples.cruise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PidTest {

    @Test
    void theFirstOutputIsProportionalOnly() {
        Pid pid = new Pid(2, 1, 1, 10, -100, 100);

        assertThat(pid.update(4, 0)).isEqualTo(12);
    }

    @Test
    void theIntegralAddsUpTheErrorOverTime() {
        Pid pid = new Pid(0, 0.5, 0, 10, -100, 100);
        pid.update(6, 0);

        assertThat(pid.update(6, 2)).isCloseTo(0.5 * 4 * 2, within(1e-9));
        assertThat(pid.update(6, 3)).isCloseTo(0.5 * 4 * 3, within(1e-9));
    }

    @Test
    void theDerivativeActsOnTheMeasurementNotOnSetpointChanges() {
        Pid pid = new Pid(0, 0, 2, 10, -100, 100);
        pid.update(5, 0);

        assertThat(pid.update(7, 0.5)).isCloseTo(-2 * 2 / 0.5, within(1e-9));
        pid.setpoint(50);
        assertThat(pid.update(7, 1)).isZero();
    }

    @Test
    void theOutputAndTheIntegralStayWithinTheLimits() {
        Pid pid = new Pid(1, 10, 0, 100, 0, 20);
        pid.update(0, 0);

        assertThat(pid.update(0, 10)).isEqualTo(20);
        assertThat(pid.update(120, 11)).as("no wind-up: the integral was held at 20").isZero();
    }

    @Test
    void negativeGainsTurnTheDirection() {
        Pid pid = new Pid(-5, 0, 0, 250, 0, 160);

        assertThat(pid.update(270, 0)).isEqualTo(100);
        assertThat(pid.update(200, 1)).isZero();
    }

    @Test
    void aControlledFirstOrderSystemSettlesOnTheSetpoint() {
        Pid pid = new Pid(4, 0.5, 0.1, 100, -70, 70);
        double speed = 0;
        for (int i = 0; i < 2000; i++) {
            speed += 0.1 * pid.update(speed, i * 0.1) * 0.1;
        }

        assertThat(speed).isCloseTo(100, within(0.5));
    }

    @Test
    void limitsMustBeOrdered() {
        assertThatThrownBy(() -> new Pid(1, 0, 0, 0, 5, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
