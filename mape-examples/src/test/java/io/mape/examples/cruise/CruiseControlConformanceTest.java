package io.mape.examples.cruise;

import io.mape.examples.Console;
import io.mape.test.TestApp;
import io.mape.test.patterns.HierarchicalControlConformance;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;

/** Cruise control keeps the properties of hierarchical control: hold_distance steers cruise_control. */
class CruiseControlConformanceTest extends HierarchicalControlConformance {

    @Override
    protected Setup setUp(TestApp t) {
        CruiseControl.build(t.app(), t.clock(),
                new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream()));
        return new Setup(t.app().get("hold_distance"), t.app().get("cruise_control"), Duration.ofSeconds(30));
    }
}
