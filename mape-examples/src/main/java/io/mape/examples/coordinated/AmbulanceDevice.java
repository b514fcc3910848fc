package io.mape.examples.coordinated;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.examples.Console;
import io.mape.examples.sim.VirtualAmbulance;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.Map;

/**
 * The ambulance of PyMAPE's {@code coordinated-ambulance.py}: loop {@code ambulance_emergency} with
 * {@code emergency_detect -> emergency_policy -> emergency_exec}, and {@code push_to_influx}. Its policy hears its
 * own detector and every car's, through the transport ({@code car_*_safety.emergency_detect}): in an emergency the
 * speed limit rises to at least 160 km/h and the siren sounds; after, the previous limit comes back.
 */
final class AmbulanceDevice {

    static final String LOOP = "ambulance_emergency";
    static final int EMERGENCY_SPEED = 160;

    private AmbulanceDevice() {
    }

    /**
     * Builds the ambulance's loop in {@code app}; {@code emergency_policy}, which hears the other devices, processes
     * its items on {@code inbox} (null: on the pushing thread).
     */
    static void build(App app, VirtualAmbulance ambulance, DeviceLinks transport, Console console, Scheduler inbox) {
        Loop loop = app.loop(LOOP);

        Element<Map<String, Object>, Boolean> detect = Common.emergencyDetect(loop, ambulance);

        Element<Boolean, Map<String, Object>> policy = loop.plan("emergency_policy",
                (Boolean emergency, Output<Map<String, Object>> out, Element<Boolean, Map<String, Object>> self) -> {
                    if (emergency) {
                        int lastSpeedLimit = Common.speedLimit(self.k());
                        self.property("last_speed_limit", lastSpeedLimit);
                        int emergencySpeed = self.property("emergency_speed");
                        out.next(Map.of("speed", Math.max(lastSpeedLimit, emergencySpeed)));
                        out.next(Map.of("siren", true));
                    } else {
                        Object last = self.properties().computeIfAbsent("last_speed_limit", key -> Common.speedLimit(self.k()));
                        out.next(Map.of("speed", last));
                        out.next(Map.of("siren", false));
                    }
                });
        policy.property("emergency_speed", EMERGENCY_SPEED);
        policy.opsIn(Observable::distinctUntilChanged).scheduler(inbox);

        Element<Map<String, Object>, Void> exec = loop.execute("emergency_exec",
                (Map<String, Object> item, Output<Void> out) -> {
                    if (item.get("speed") instanceof Integer speed) {
                        ambulance.speedLimit(speed);
                        console.trace(LOOP, "speed limit " + speed + " km/h");
                    }
                    if (item.get("siren") instanceof Boolean siren) {
                        ambulance.siren(siren);
                        console.trace(LOOP, "siren " + (siren ? "ON" : "OFF"));
                    }
                });
        exec.opsIn(Observable::distinctUntilChanged);

        detect.link(policy);
        policy.link(exec);
        Common.pushToInflux(loop, ambulance, "speed");

        transport.<Boolean>sources(CarDevice.DETECT_CHANNELS, Boolean.class).forEach(s -> s.subscribe(policy));
    }
}
