package io.mape.examples.enforcement;

import io.mape.examples.Console;
import io.mape.test.TestApp;
import io.mape.test.patterns.MasterSlaveConformance;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Random;

/** Speed enforcement keeps the properties of master/slave. */
class SpeedEnforcementConformanceTest extends MasterSlaveConformance {

    @Override
    protected Setup setUp(TestApp t) {
        SpeedEnforcement.build(t.app(), t.clock(), new Random(1),
                new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream()));
        return new Setup(t.app().get("speed_enforcement.avg"),
                SpeedEnforcement.CARS.keySet().stream().map(car -> new Slave(t.loop("car_" + car))).toList(),
                Duration.ofSeconds(SpeedEnforcement.SAMPLE_SECONDS * (SpeedEnforcement.WINDOW + 1)));
    }
}
