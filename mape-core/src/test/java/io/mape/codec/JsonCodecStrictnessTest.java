package io.mape.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.mape.Message;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The standard codec refuses what would lose information, and reads PyMAPE's Message. */
class JsonCodecStrictnessTest {

    private final JsonCodec codec = JsonCodec.standard();

    record Reading(double value, Instant at) {
    }

    @SuppressWarnings("unused")
    private static final class Holder {
        Message<Reading> messageOfReading;
        Message<Integer> messageOfInteger;
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Type typeOf(String field) throws NoSuchFieldException {
        return Holder.class.getDeclaredField(field).getGenericType();
    }

    @Test
    void aFractionIntoAnIntegerIsRefused() {
        assertThatThrownBy(() -> codec.decodeItem(json("1.5"), Integer.class)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeItem(json("1.5"), int.class)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decode(json("1.5"), Long.class)).isInstanceOf(CodecException.class);
        assertThat(codec.decodeItem(json("15"), Integer.class)).isEqualTo(15);
    }

    @Test
    void aNumberIntoABooleanIsRefused() {
        assertThatThrownBy(() -> codec.decodeItem(json("1"), Boolean.class)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeItem(json("0"), boolean.class)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeItem(json("1.0"), Boolean.class)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.convert(1, Boolean.class)).isInstanceOf(CodecException.class);
        assertThat(codec.decodeItem(json("true"), Boolean.class)).isEqualTo(true);
    }

    @Test
    void aNumberTooLargeForADoubleOrAnInstantIsRefused() {
        assertThatThrownBy(() -> codec.decodeItem(json("1e400"), Double.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("1e400");
        assertThatThrownBy(() -> codec.decodeItem(json("{\"value\":1e400,\"at\":0}"), Reading.class))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeItem(json("{\"value\":1,\"at\":1e400}"), Reading.class))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decodeItem(json("1e400"), Instant.class)).isInstanceOf(CodecException.class);
        assertThat(codec.decodeItem(json("{\"value\":2.5,\"at\":1700000000.25}"), Reading.class))
                .isEqualTo(new Reading(2.5, Instant.ofEpochSecond(1_700_000_000L, 250_000_000)));
        assertThat(codec.decodeItem(json("\"2024-01-02T03:04:05Z\""), Instant.class))
                .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @Test
    void trailingTokensAfterTheDocumentAreRefused() {
        for (String bad : new String[] {"true false", "true}", "true,1", "{\"@type\":\"call\",\"name\":\"x\"} 1"}) {
            assertThatThrownBy(() -> codec.decodeItem(json(bad), Boolean.class)).as(bad)
                    .isInstanceOf(CodecException.class);
        }
        assertThat(codec.decodeItem(json(" true \n"), Boolean.class)).isEqualTo(true);
    }

    @Test
    void aBadTimestampInAnEnvelopeIsACodecException() {
        assertThatThrownBy(() -> codec.decodeItem(
                json("{\"@type\":\"message\",\"value\":1,\"timestamp\":\"yesterday\"}"), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> codec.decodeItem(
                json("{\"@type\":\"message\",\"value\":1,\"timestamp\":1e400}"), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> codec.decodeItem(
                json("{\"@type\":\"message\",\"value\":1,\"timestamp\":true}"), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("timestamp");
        assertThatThrownBy(() -> codec.decodeItem(
                json("{\"@type\":\"message\",\"value\":1,\"hops\":1.5}"), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("hops");
    }

    /** {@code dataclasses.asdict} of a PyMAPE Message, dumped with {@code json.dumps}: epoch seconds as a float. */
    @Test
    void pymapesMessageDecodesAsAMessage() throws Exception {
        String pymape = "{\"value\": 42, \"src\": \"car_a.detect\", \"dst\": \"ambulance.policy\", "
                + "\"timestamp\": 1700000000.5, \"hops\": []}";
        Object item = codec.decodeItem(json(pymape), typeOf("messageOfInteger"));
        assertThat(item).isInstanceOfSatisfying(Message.class, m -> {
            assertThat(m.value()).isEqualTo(42);
            assertThat(m.src()).isEqualTo("car_a.detect");
            assertThat(m.dst()).isEqualTo("ambulance.policy");
            assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 500_000_000));
        });
        Object enveloped = codec.decodeItem(json("{\"@type\":\"message\",\"value\":{\"value\":1.5,\"at\":\"2024-01-02T03:04:05Z\"},"
                + "\"timestamp\":1700000000.125}"), typeOf("messageOfReading"));
        assertThat(((Message<?>) enveloped).timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 125_000_000));
    }

    @Test
    void controlCharactersFromTheWireAreEscapedInMessages() {
        assertThatThrownBy(() -> codec.decodeItem(json("{\"kmh\n2026-01-01 ERROR forged\":1"), Reading.class))
                .isInstanceOf(CodecException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("\\u000a"));
    }

    @Test
    void theMapperHandedOutIsACopy() {
        codec.mapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertThat(codec.mapper()).isNotSameAs(codec.mapper());
        assertThatThrownBy(() -> codec.decodeItem(json("{\"value\":1,\"at\":0,\"extra\":1}"), Reading.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("extra");
    }
}
