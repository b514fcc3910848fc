package io.mape.examples.distributed;

import static io.mape.examples.distributed.Devices.awaitAfter;
import static org.assertj.core.api.Assertions.assertThat;

import io.mape.examples.distributed.Devices.Device;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the coordinated devices do together, whatever links them; the devices are started and ready. */
final class Coordination {

    private static final String READY = "ready: ";

    private Coordination() {
    }

    /**
     * {@code coordinated-car}: an emergency on the Veyron slows the Panda to the safety speed and sounds the
     * ambulance's siren; its end on each device brings them back.
     */
    static void anEmergencyOnOneCarReachesTheOtherAndTheAmbulance(Device ambulance, Device veyron, Device panda)
            throws IOException, InterruptedException {
        veyron.type("emergency on");

        awaitAfter(veyron, "car_Veyron_safety", READY, "speed limit 30 km/h", "hazard lights ON");
        awaitAfter(panda, "car_Panda_safety", READY, "speed limit 30 km/h", "hazard lights ON");
        awaitAfter(ambulance, "ambulance_emergency", READY, "speed limit 160 km/h", "siren ON");

        for (Device d : List.of(veyron, panda, ambulance)) {
            d.type("emergency off");
        }
        awaitAfter(veyron, "car_Veyron_safety", "hazard lights ON", "speed limit 400 km/h", "hazard lights OFF");
        awaitAfter(panda, "car_Panda_safety", "hazard lights ON", "speed limit 110 km/h", "hazard lights OFF");
        awaitAfter(ambulance, "ambulance_emergency", "siren ON", "speed limit 100 km/h", "siren OFF");
        endEach(ambulance, veyron, panda);
    }

    /**
     * {@code coordinated-car-with-message}: the Panda slows once two other cars report an emergency, and recovers
     * once neither does (ended once every car has heard the two others).
     */
    static void aCarSlowsWhenTwoOthersReportAnEmergency(Device veyron, Device countach, Device panda)
            throws IOException, InterruptedException {
        veyron.type("emergency on");
        awaitAfter(veyron, "car_Veyron_safety", READY, "speed limit 30 km/h", "hazard lights ON");
        assertThat(panda.linesAfter("car_Panda_safety", READY)).as(panda::describe)
                .doesNotContain("hazard lights ON");

        countach.type("emergency on");
        awaitAfter(panda, "car_Panda_safety", READY, "2 cars report an emergency", "speed limit 30 km/h",
                "hazard lights ON");
        // The Panda's emergency goes back to the Veyron and the Countach; each then hears two. Ending their
        // emergencies before that echo arrives (a first request to a cold peer takes up to a second here) would
        // leave it to arrive after their own end, where with the other's early report it makes two again: the
        // protocol's (PyMAPE's) echo, on any transport, not a loss or a reordering.
        awaitAfter(veyron, "car_Veyron_safety", READY, "2 cars report an emergency");
        awaitAfter(countach, "car_Countach_safety", READY, "2 cars report an emergency");

        veyron.type("emergency off");
        countach.type("emergency off");
        awaitAfter(panda, "car_Panda_safety", "hazard lights ON", "speed limit 110 km/h", "hazard lights OFF");
        awaitAfter(countach, "car_Countach_safety", "hazard lights ON", "speed limit 260 km/h", "hazard lights OFF");
        endEach(veyron, countach, panda);
    }

    /** The end of stdin ends each process with status 0. */
    private static void endEach(Device... devices) throws IOException, InterruptedException {
        for (Device d : devices) {
            d.endInput();
        }
        for (Device d : devices) {
            assertThat(d.process().waitFor(30, TimeUnit.SECONDS)).as(d::describe).isTrue();
            assertThat(d.process().exitValue()).as(d::describe).isZero();
        }
    }
}
