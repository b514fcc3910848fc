package io.mape.examples.coordinated;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.Message;
import io.mape.examples.Console;
import io.mape.examples.sim.VirtualCar;
import io.mape.knowledge.TypeRef;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import java.util.HashMap;
import java.util.Map;

/**
 * A car of PyMAPE's {@code coordinated-car.py}: loop {@code car_<name>_safety} with
 * {@code emergency_detect -> analyzer -> safety_policy -> speed_limit, hazard_lights}, and {@code push_to_influx}.
 * In an emergency the speed limit drops to at most 30 km/h and the hazard lights go on; after, the previous limit
 * comes back. Through the transport, with PyMAPE's channels (each element's output on its path), a detected
 * emergency goes to the ambulance's {@code emergency_policy}, and the analyzer's output to the other cars.
 *
 * <p>{@link Variant#PLAIN}: the analyzer passes booleans on; a car tells the others only when its emergency starts
 * (PyMAPE filters {@code True}), so each car ends its emergency from its own detector. {@link Variant#MESSAGE}
 * ({@code coordinated-car-with-message.py}): the analyzer sends {@link Message}s, hears the others' analyzers, and
 * declares an emergency when at least 2 other cars report one, and its end when none does.
 */
final class CarDevice {

    /** Which of PyMAPE's two car programs. */
    enum Variant { PLAIN, MESSAGE }

    static final int SAFETY_SPEED = 30;
    static final int EMERGENCY_CAR_THRESHOLD = 2;

    /** What {@code safety_policy} asks of {@code speed_limit}: PyMAPE's {@code SpeedItem}. */
    record SpeedItem(int value) {
    }

    private CarDevice() {
    }

    static String loopUid(String name) {
        return "car_" + name + "_safety";
    }

    /** The channels a car's sinks send on: its detector's (to the ambulance) and its analyzer's (to the cars). */
    static final String DETECT_CHANNELS = "car_*_safety.emergency_detect";
    static final String ANALYZER_CHANNELS = "car_*_safety.analyzer";

    /**
     * Builds the car's loop in {@code app}; the element that hears the other cars ({@code safety_policy}, or
     * {@code analyzer} with Messages) processes its items on {@code inbox} (null: on the pushing thread).
     */
    static void build(App app, VirtualCar car, Variant variant, DeviceLinks transport, Console console, Scheduler inbox) {
        Loop loop = app.loop(loopUid(car.uid()));

        Element<Map<String, Object>, Boolean> detect = Common.emergencyDetect(loop, car);
        Element<Object, Object> safetyPolicy = safetyPolicy(loop, variant);
        if (variant == Variant.PLAIN) {
            // before the links below (as the analyzer with Messages), so speed_limit and hazard_lights get gates of their own
            safetyPolicy.scheduler(inbox);
        }

        Element<Object, Void> speedLimit = loop.execute("speed_limit", (Object item, Output<Void> out) -> {
            int kmh = ((SpeedItem) item).value();
            car.speedLimit(kmh);
            console.trace(loop.uid(), "speed limit " + kmh + " km/h");
        });
        speedLimit.opsIn(up -> up.filter(SpeedItem.class::isInstance));

        Element<Object, Void> hazardLights = loop.execute("hazard_lights", (Object item, Output<Void> out) -> {
            boolean on = (Boolean) ((Map<?, ?>) item).get("hazard_lights");
            car.hazardLights(on);
            console.trace(loop.uid(), "hazard lights " + (on ? "ON" : "OFF"));
        });
        hazardLights.opsIn(up -> up.filter(item -> item instanceof Map<?, ?> m && m.containsKey("hazard_lights")));

        safetyPolicy.link(speedLimit);
        safetyPolicy.link(hazardLights);
        Common.pushToInflux(loop, car, "speed", "emergency_detect", "hazard_lights");

        if (variant == Variant.PLAIN) {
            Element<Boolean, Boolean> analyzer = loop.analyze("analyzer",
                    (Boolean emergency, Output<Boolean> out) -> out.next(emergency));
            detect.link(analyzer);
            analyzer.link(safetyPolicy);
            transport.<Boolean>sources(ANALYZER_CHANNELS, Boolean.class).forEach(s -> s.subscribe(safetyPolicy));
            analyzer.distinctUntilChanged().filter(emergency -> emergency).subscribe(transport.sink(analyzer.path()));
        } else {
            Element<Object, Message<Boolean>> analyzer = messageAnalyzer(loop, console).scheduler(inbox);
            detect.link(analyzer);
            analyzer.link(safetyPolicy);
            transport.<Message<Boolean>>sources(ANALYZER_CHANNELS, new TypeRef<Message<Boolean>>() { }.type())
                    .forEach(s -> s.filter(m -> !analyzer.path().equals(m.src())).subscribe(analyzer));
            analyzer.distinctUntilChanged(Message::value).subscribe(transport.sink(analyzer.path()));
        }
        detect.distinctUntilChanged().filter(emergency -> emergency).subscribe(transport.sink(detect.path()));
    }

    private static Element<Object, Object> safetyPolicy(Loop loop, Variant variant) {
        Element<Object, Object> policy = loop.plan("safety_policy",
                (Object item, Output<Object> out, Element<Object, Object> self) -> {
                    boolean safety = item instanceof Message<?> m ? (Boolean) m.value() : (Boolean) item;
                    if (safety) {
                        int lastSpeedLimit = Common.speedLimit(self.k());
                        self.property("last_speed_limit", lastSpeedLimit);
                        int safetySpeed = self.property("safety_speed");
                        out.next(new SpeedItem(Math.min(lastSpeedLimit, safetySpeed)));
                        out.next(Map.of("hazard_lights", true));
                    } else {
                        Object last = self.properties().computeIfAbsent("last_speed_limit", key -> Common.speedLimit(self.k()));
                        out.next(new SpeedItem((Integer) last));
                        out.next(Map.of("hazard_lights", false));
                    }
                });
        policy.property("safety_speed", SAFETY_SPEED);
        policy.opsIn(variant == Variant.PLAIN
                ? Observable::distinctUntilChanged
                : up -> up.distinctUntilChanged(item -> ((Message<?>) item).value()));
        return policy;
    }

    /**
     * The analyzer of {@code coordinated-car-with-message.py}: a Message from another car updates what that car
     * reports; at least {@link #EMERGENCY_CAR_THRESHOLD} cars in emergency make an emergency here, none ends it. A
     * boolean from the local detector passes at once (and {@code false} forgets what the others reported).
     */
    private static Element<Object, Message<Boolean>> messageAnalyzer(Loop loop, Console console) {
        Element<Object, Message<Boolean>> analyzer = loop.analyze("analyzer",
                (Object item, Output<Message<Boolean>> out, Element<Object, Message<Boolean>> self) -> {
                    Map<String, Boolean> reports = self.property("analyzer_msg_from");
                    if (item instanceof Message<?> m) {
                        Boolean value = (Boolean) m.value();
                        if (value.equals(reports.put(m.src(), value))) {
                            return;
                        }
                        long inEmergency = reports.values().stream().filter(v -> v).count();
                        int threshold = self.property("emergency_car_threshold");
                        if (inEmergency >= threshold) {
                            console.trace(loop.uid(), inEmergency + " cars report an emergency");
                            out.next(Message.of(true));
                        } else if (inEmergency <= 0) {
                            out.next(Message.of(false));
                        }
                    } else {
                        boolean emergency = (Boolean) item;
                        if (!emergency) {
                            reports.clear();
                        }
                        out.next(Message.of(emergency));
                    }
                });
        analyzer.property("analyzer_msg_from", new HashMap<String, Boolean>());
        analyzer.property("emergency_car_threshold", EMERGENCY_CAR_THRESHOLD);
        return analyzer;
    }
}
