package io.mape.examples.coordinated;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.examples.Console;
import io.mape.remote.InProcessHub;
import io.mape.remote.InProcessTransport;
import io.mape.test.TestApp;
import io.mape.test.patterns.Part;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The coordinated examples as the patterns' suites see them: the cars are the parts (each runs a whole loop; the
 * ambulance, with no analyzer, only listens), every device on one in-process hub.
 */
final class CoordinatedConformance {

    private CoordinatedConformance() {
    }

    static List<Part> cars(TestApp t, CoordinatedExample example) {
        InProcessHub hub = InProcessHub.create();
        CoordinatedExample.Devices devices = t.manage(example.build("Panda", 90, t.clock(), new Random(1),
                app -> InProcessTransport.builder(app).hub(hub).build(),
                new Console(new PrintStream(new ByteArrayOutputStream()), InputStream.nullInputStream())));
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < devices.cars().size(); i++) {
            String car = devices.cars().get(i);
            App app = devices.apps().get(i + 1);
            List<String> others = devices.cars().stream().filter(c -> !c.equals(car)).toList();
            // push_to_influx taps the vehicle for InfluxDB (--influx): no stage of the loop
            List<Element<?, ?>> loop = app.<Loop>get(CarDevice.loopUid(car)).elements().stream()
                    .filter(e -> !e.uid().equals("push_to_influx")).toList();
            parts.add(new Part(car, loop, () -> devices.emergency(List.of("on", car), car), others));
        }
        return parts;
    }
}
