package io.mape.examples.coordinated;

import io.mape.Element;
import io.mape.Output;
import io.mape.Loop;
import io.mape.Message;
import io.mape.examples.sim.VirtualCar;
import io.mape.knowledge.Knowledge;
import java.util.Map;

/** PyMAPE's {@code coordinated_common.py}: the elements every device of the coordinated system has. */
final class Common {

    /** One reading for a time series: PyMAPE's {@code Message} with a {@code type}. */
    record Field(String type, Object value) {
    }

    private Common() {
    }

    /**
     * The monitor {@code emergency_detect}: keeps the vehicle's {@code current_speed} and {@code speed_limit} in the
     * loop's Knowledge (PyMAPE's {@code self.loop.k}), and emits what the vehicle reports as {@code emergency_detect}. Fed by the vehicle's
     * callbacks of those three properties, and started.
     */
    static Element<Map<String, Object>, Boolean> emergencyDetect(Loop loop, VirtualCar vehicle) {
        Element<Map<String, Object>, Boolean> detect = loop.monitor("emergency_detect",
                (Map<String, Object> item, Output<Boolean> out, Element<Map<String, Object>, Boolean> self) -> {
                    if (item.containsKey("speed")) {
                        self.k().put("current_speed", item.get("speed"));
                    } else if (item.containsKey("speed_limit")) {
                        self.k().put("speed_limit", item.get("speed_limit"));
                    } else if (item.get("emergency_detect") instanceof Boolean emergency) {
                        out.next(emergency);
                    }
                });
        detect.start();
        vehicle.onChange("speed", detect::onNext);
        vehicle.onChange("speed_limit", detect::onNext);
        vehicle.onChange("emergency_detect", detect::onNext);
        return detect;
    }

    /**
     * The analyzer {@code push_to_influx}: each reported property as a {@link Field} in a {@link Message}, the
     * stream PyMAPE writes to InfluxDB. An analyzer starts on its first subscriber; until a time-series sink
     * subscribes (not in embedded mode) it stays idle and drops what the vehicle reports.
     */
    static Element<Map<String, Object>, Message<Field>> pushToInflux(Loop loop, VirtualCar vehicle, String... properties) {
        Element<Map<String, Object>, Message<Field>> push = loop.analyze("push_to_influx",
                (Map<String, Object> item, Output<Message<Field>> out) ->
                        item.forEach((key, value) -> out.next(Message.of(new Field(key, value)))));
        for (String p : properties) {
            vehicle.onChange(p, push::onNext);
        }
        return push;
    }

    /** The value of {@code speed_limit} in {@code k}. */
    static int speedLimit(Knowledge k) {
        Integer limit = k.get("speed_limit", Integer.class);
        if (limit == null) {
            throw new IllegalStateException("no speed_limit in " + k.scope() + " yet");
        }
        return limit;
    }
}
