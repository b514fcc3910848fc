package io.mape.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.Message;
import io.mape.TraceContext;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The trace context in the message envelope: traceparent, tracestate and origin. */
class JsonCodecTraceTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final JsonCodec codec = JsonCodec.standard();

    @SuppressWarnings("unused")
    private Message<Integer> messageOfInteger;

    private static Type messageType() throws NoSuchFieldException {
        return JsonCodecTraceTest.class.getDeclaredField("messageOfInteger").getGenericType();
    }

    private Message<?> decode(String json) throws Exception {
        return (Message<?>) codec.decodeItem(json.getBytes(StandardCharsets.UTF_8), messageType());
    }

    @Test
    void theEnvelopeCarriesTraceparentTracestateAndOrigin() throws Exception {
        Instant origin = Instant.parse("2026-01-01T00:00:00Z");
        Message<Integer> m = Message.of(1).withTrace(TraceContext.parse(PARENT, "congo=t61rcWkgMzE", origin)).hop();

        String wire = codec.encodeToString(m);
        Message<?> back = decode(wire);

        assertThat(wire).contains("\"traceparent\":\"" + PARENT + "\"", "\"tracestate\":\"congo=t61rcWkgMzE\"",
                "\"origin\":\"2026-01-01T00:00:00Z\"");
        assertThat(back).isEqualTo(m);
        assertThat(back.origin()).isEqualTo(origin);
    }

    @Test
    void noTracestateIsNotWritten() {
        assertThat(codec.encodeToString(Message.of(1))).doesNotContain("tracestate");
    }

    @Test
    void aMalformedTraceparentStartsANewTraceAndTheItemIsKept() throws Exception {
        long before = TraceContext.rejected();

        Message<?> m = decode("{\"@type\":\"message\",\"value\":5,\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"traceparent\":\"00-00000000000000000000000000000000-00f067aa0ba902b7-01\"}");

        assertThat(m.value()).isEqualTo(5);
        assertThat(m.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("00000000000000000000000000000000");
        assertThat(m.origin()).as("the origin defaults to the timestamp").isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(TraceContext.rejected()).isEqualTo(before + 1);
    }

    @Test
    void aBareTraceIdOrPymapesUuidIsKeptAsTheTraceId() throws Exception {
        Message<?> a = decode("{\"@type\":\"message\",\"value\":5,\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}");
        Message<?> b = decode("{\"value\":5,\"trace_id\":\"4BF92F35-77B3-4DA6-A3CE-929D0E0E4736\",\"hops\":[]}");

        assertThat(a.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(b.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aBareMessageWithTraceMembersIsReadAsOne() throws Exception {
        Message<?> m = decode("{\"value\":5,\"traceparent\":\"" + PARENT + "\",\"origin\":1767225600}");

        assertThat(m.traceparent()).isEqualTo(PARENT);
        assertThat(m.origin()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void aMalformedOriginIsAPreciseError() {
        assertThatThrownBy(() -> decode("{\"@type\":\"message\",\"value\":5,\"origin\":\"yesterday\"}"))
                .isInstanceOf(CodecException.class).hasMessageContaining("the origin of a message");
    }
}
