package io.mape.remote.influx.internal;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.mape.Message;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns an item into one line of line protocol with a nanosecond timestamp. Immutable and thread-safe; runs on the
 * thread that pushes the item.
 *
 * <ul>
 *   <li>measurement: the one given, else the item's simple class name;</li>
 *   <li>tags: the ones given, else a {@link Message}'s {@code src} and {@code dst};</li>
 *   <li>fields: the mapper's map, else {@link #defaultFields(Object)}; null, NaN and infinite values are left out;</li>
 *   <li>time: a {@link Message}'s timestamp, else now.</li>
 * </ul>
 * In raw mode the item must be a {@link Point} and is written as it is.
 */
public final class PointMapper<T> {

    public static final String VALUE = "value";

    private final String measurement;
    private final Map<String, String> tags;
    private final Function<? super T, ? extends Map<String, ?>> fields;
    private final boolean raw;

    /**
     * @param measurement null for the item's class name
     * @param tags        empty for a Message's src and dst
     * @param fields      null for {@link #defaultFields(Object)}
     */
    public PointMapper(String measurement, Map<String, String> tags, Function<? super T, ? extends Map<String, ?>> fields,
                       boolean raw) {
        this.measurement = measurement;
        this.tags = Map.copyOf(tags);
        this.fields = fields;
        this.raw = raw;
    }

    /** @throws UnmappableException saying why */
    public String line(T item) {
        Point point = raw ? rawPoint(item) : point(item);
        String line = point.toLineProtocol(null, WritePrecision.NS);
        if (line.isEmpty()) {
            throw new UnmappableException("the point for a " + typeName(item)
                    + " has no field with a value (null, NaN and infinite values are left out)");
        }
        return line;
    }

    private static Point rawPoint(Object item) {
        if (item instanceof Point p) {
            return p;
        }
        throw new UnmappableException("raw mode takes com.influxdb.client.write.Point items, got a " + typeName(item));
    }

    private Point point(T item) {
        Point p = Point.measurement(measurement != null ? measurement : measurementOf(item));
        if (!tags.isEmpty()) {
            p.addTags(tags);
        } else if (item instanceof Message<?> m) {
            p.addTag("src", m.src());
            p.addTag("dst", m.dst());
        }
        Map<String, ?> fieldMap = fields != null ? fields.apply(item) : defaultFields(item);
        if (fieldMap == null) {
            throw new UnmappableException("the fields mapper returned null for a " + typeName(item));
        }
        fieldMap.forEach((k, v) -> addField(p, k, v));
        return p.time(item instanceof Message<?> m ? m.timestamp() : Instant.now(), WritePrecision.NS);
    }

    private static void addField(Point p, String key, Object value) {
        if (key == null || key.isEmpty()) {
            throw new UnmappableException("a field name is null or empty");
        }
        if (value == null) {
            return;
        }
        if (value instanceof Number n) {
            p.addField(key, n);
        } else if (value instanceof Boolean b) {
            p.addField(key, b.booleanValue());
        } else if (value instanceof String s) {
            p.addField(key, s);
        } else {
            throw new UnmappableException("field '" + key + "' is a " + typeName(value)
                    + "; a field takes a number, a boolean or a string");
        }
    }

    /**
     * The fields of an item when no mapper is given, as PyMAPE takes them: one field {@code value} holding a
     * {@link Message}'s value, a {@link Map}'s {@code "value"} entry, or a number, boolean or string item itself.
     *
     * @throws UnmappableException for anything else
     */
    public static Map<String, ?> defaultFields(Object item) {
        Object v = item instanceof Message<?> m ? m.value() : item;
        if (v instanceof Map<?, ?> map) {
            if (!map.containsKey(VALUE)) {
                throw new UnmappableException("a Map without a '" + VALUE + "' key has no default fields; "
                        + "give the observer a fields mapper");
            }
            v = map.get(VALUE);
        }
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return Collections.singletonMap(VALUE, v);
        }
        throw new UnmappableException("a " + typeName(v) + " has no default fields; give the observer a fields mapper");
    }

    private static String measurementOf(Object item) {
        String simple = item.getClass().getSimpleName();
        return simple.isEmpty() ? item.getClass().getName() : simple;
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
