package io.mape.examples.coordinated;

import io.mape.test.TestApp;
import io.mape.test.patterns.CoordinatedControlConformance;
import io.mape.test.patterns.Part;
import java.time.Duration;
import java.util.List;

/** coordinated-car keeps the properties of coordinated control. */
class CoordinatedCarConformanceTest extends CoordinatedControlConformance {

    @Override
    protected List<Part> setUp(TestApp t) {
        return CoordinatedConformance.cars(t, CoordinatedExample.car());
    }

    @Override
    protected Duration run() {
        return Duration.ofSeconds(10);
    }
}
