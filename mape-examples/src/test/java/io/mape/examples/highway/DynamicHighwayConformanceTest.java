package io.mape.examples.highway;

import io.mape.App;
import io.mape.Loop;
import io.mape.examples.Console;
import io.mape.test.TestApp;
import io.mape.test.patterns.RegionalPlanningConformance;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The dynamic highway keeps the properties of regional planning: a carriageway is a region. */
class DynamicHighwayConformanceTest extends RegionalPlanningConformance {

    private static final int LANES = 4;

    @Override
    protected Setup setUp(TestApp t) {
        DynamicHighway.Highway highway = t.manage(DynamicHighway.build(t.clock(), LANES, new Random(3),
                new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream())));
        List<Region> regions = new ArrayList<>();
        for (App app : highway.apps()) {
            Loop carriageway = app.loops().stream().filter(l -> l.uid().startsWith("carriageway_")).findFirst()
                    .orElseThrow();
            List<io.mape.Element<?, ?>> lanes = new ArrayList<>();
            for (int n = 0; n < LANES; n++) {
                lanes.add(app.get("lane_" + n + ".set_lane"));
            }
            regions.add(new Region(carriageway.uid(), carriageway.get("lanes"), lanes,
                    () -> highway.generators().get(carriageway.uid()).addRandomCars(3)));
        }
        return new Setup(regions, Duration.ofSeconds(5));
    }
}
