package io.mape.config.internal;

import io.mape.config.ConfigKey;
import io.mape.config.spi.ConfigSection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The config sections on the class path, found once with {@link ServiceLoader}. Two sections of one name, or a key
 * outside its section, are a programming error of the module declaring them ({@link IllegalStateException}).
 */
public final class Sections {

    private static volatile Map<String, Map<String, ConfigKey<?>>> found;

    private Sections() {
    }

    /** Each section's keys by member name, sections by name; unmodifiable. */
    public static Map<String, Map<String, ConfigKey<?>>> all() {
        Map<String, Map<String, ConfigKey<?>>> f = found;
        if (f == null) {
            f = load();
            found = f;
        }
        return f;
    }

    private static Map<String, Map<String, ConfigKey<?>>> load() {
        Map<String, Map<String, ConfigKey<?>>> sections = new LinkedHashMap<>();
        for (ConfigSection s : ServiceLoader.load(ConfigSection.class, Sections.class.getClassLoader())) {
            Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
            for (ConfigKey<?> k : s.keys()) {
                if (!k.section().equals(s.name()) || keys.put(k.member(), k) != null) {
                    throw new IllegalStateException("config section " + s.getClass().getName() + " ('" + s.name()
                            + "') declares '" + k.path() + "' outside it or twice");
                }
            }
            if (sections.put(s.name(), Collections.unmodifiableMap(keys)) != null) {
                throw new IllegalStateException("two config sections are named '" + s.name() + "'");
            }
        }
        return Collections.unmodifiableMap(sections);
    }
}
