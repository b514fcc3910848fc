package io.mape.remote.influx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.mape.Message;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PointMapperTest {

    private static final Instant T = Instant.parse("2024-05-01T10:00:00.123456789Z");
    private static final long T_NS = 1_714_557_600_123_456_789L;

    private static <T> PointMapper<T> defaults() {
        return new PointMapper<>(null, Map.of(), null, false);
    }

    @Test
    void aMessageIsMeasurementMessageTaggedWithSrcAndDstAtItsTimestamp() {
        Message<Double> m = new Message<>(80.5, "car.detect", "car.plan", 2, T, "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(defaults().line(m)).isEqualTo("Message,dst=car.plan,src=car.detect value=80.5 " + T_NS);
    }

    @Test
    void aMessageWithoutDstHasOnlyItsSrcTag() {
        Message<Long> m = new Message<>(3L, "car.detect", null, 0, T, "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(defaults().line(m)).isEqualTo("Message,src=car.detect value=3i " + T_NS);
    }

    @Test
    void givenTagsReplaceTheMessageTags() {
        PointMapper<Object> mapper = new PointMapper<>("speed", Map.of("car", "panda"), null, false);
        Message<Double> m = new Message<>(1.0, "car.detect", "car.plan", 0, T, "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(mapper.line(m)).isEqualTo("speed,car=panda value=1.0 " + T_NS);
    }

    @Test
    void plainValuesAreMeasuredByTheirClassNameAtArrival() {
        Instant before = Instant.now();
        String line = defaults().line(true);
        assertThat(line).startsWith("Boolean value=true ");
        long ns = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(ns).isGreaterThanOrEqualTo(before.getEpochSecond() * 1_000_000_000L + before.getNano());
        assertThat(defaults().line("it's \"hot\"")).startsWith("String value=\"it's \\\"hot\\\"\" ");
        assertThat(defaults().line(42)).startsWith("Integer value=42i ");
    }

    @Test
    void aMapGivesItsValueEntry() {
        Map<String, Object> item = new HashMap<>(Map.of("value", 12.5, "unit", "kmh"));
        assertThat(defaults().line(item)).startsWith("HashMap value=12.5 ");
    }

    @Test
    void aFieldsMapperGivesTypedFieldsInNameOrderAndNullsAreLeftOut() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "panda");
        fields.put("speed", 42.5);
        fields.put("count", 3L);
        fields.put("siren", false);
        fields.put("missing", null);
        PointMapper<Object> mapper = new PointMapper<>("car", Map.of(), x -> fields, false);
        assertThat(mapper.line(new Object())).startsWith("car count=3i,name=\"panda\",siren=false,speed=42.5 ");
    }

    @Test
    void rawPointsKeepTheirOwnTimeInNanoseconds() {
        PointMapper<Object> raw = new PointMapper<>(null, Map.of(), null, true);
        Point p = Point.measurement("temp").addTag("zone", "a").addField("c", 21.5).time(1_700_000_000_123L,
                WritePrecision.MS);
        assertThat(raw.line(p)).isEqualTo("temp,zone=a c=21.5 1700000000123000000");
    }

    @Test
    void whatCannotBecomeAPointSaysWhy() {
        PointMapper<Object> mapper = defaults();
        assertThatThrownBy(() -> mapper.line(new Object()))
                .isInstanceOf(UnmappableException.class).hasMessageContaining("java.lang.Object has no default fields");
        assertThatThrownBy(() -> mapper.line(Map.of("speed", 1)))
                .hasMessageContaining("a Map without a 'value' key");
        assertThatThrownBy(() -> mapper.line(Message.of(List.of(1, 2))))
                .hasMessageContaining("has no default fields; give the observer a fields mapper");
        assertThatThrownBy(() -> mapper.line(Double.NaN))
                .hasMessageContaining("has no field with a value");
        assertThatThrownBy(() -> new PointMapper<>(null, Map.of(), null, true).line(1.0))
                .hasMessageContaining("raw mode takes com.influxdb.client.write.Point items, got a java.lang.Double");
        Function<Object, Map<String, ?>> listField = x -> Map.of("xs", List.of(1));
        assertThatThrownBy(() -> new PointMapper<>("m", Map.of(), listField, false).line(1))
                .hasMessageContaining("field 'xs' is a java.util.ImmutableCollections$List12; "
                        + "a field takes a number, a boolean or a string");
        assertThatThrownBy(() -> new PointMapper<>("m", Map.of(), x -> null, false).line(1))
                .hasMessageContaining("the fields mapper returned null");
    }
}
