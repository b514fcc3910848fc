package io.mape.examples.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** PyMAPE's {@code set_callback}: per property, the callbacks told {@code {property: value}} on each assignment. */
final class Callbacks {

    private final Map<String, List<Consumer<Map<String, Object>>>> byName = new HashMap<>();

    void add(String name, Consumer<Map<String, Object>> callback) {
        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(callback);
    }

    void fire(String name, Object value) {
        for (Consumer<Map<String, Object>> c : byName.getOrDefault(name, List.of())) {
            c.accept(Map.of(name, value));
        }
    }
}
