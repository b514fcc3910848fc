package io.mape.examples.coordinated;

import io.mape.test.TestApp;
import io.mape.test.patterns.InformationSharingConformance;
import io.mape.test.patterns.Part;
import java.time.Duration;
import java.util.List;

/** coordinated-car-with-message keeps the properties of information sharing. */
class CarWithMessageConformanceTest extends InformationSharingConformance {

    @Override
    protected List<Part> setUp(TestApp t) {
        return CoordinatedConformance.cars(t, CoordinatedExample.carWithMessage());
    }

    @Override
    protected Duration run() {
        return Duration.ofSeconds(10);
    }
}
