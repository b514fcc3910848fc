package io.mape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TraceContextTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aValidTraceparentParsesAndPrintsBackTheSame() {
        TraceContext c = TraceContext.parse(VALID, "congo=t61rcWkgMzE", T);

        assertThat(c.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(c.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(c.sampled()).isTrue();
        assertThat(c.state()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(c.origin()).isEqualTo(T);
        assertThat(c.traceparent()).isEqualTo(VALID);
    }

    @Test
    void aLaterVersionMayAddFieldsAfterADash() {
        TraceContext c = TraceContext.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-more", null, T);

        assertThat(c.sampled()).isFalse();
        assertThat(c.traceparent()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        assertThat(c.state()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0x",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01extra",
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"})
    void malformedTraceparentsAreRefused(String bad) {
        assertThatThrownBy(() -> TraceContext.parse(bad, null, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedTraceparentAtAnEdgeStartsANewTraceAndIsCounted() {
        long before = TraceContext.rejected();

        TraceContext c = TraceContext.parseOrStart("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "a=b", T,
                "a test");

        assertThat(c.traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(c.origin()).isEqualTo(T);
        assertThat(TraceContext.rejected()).isEqualTo(before + 1);
        assertThat(TraceContext.parseOrStart(null, null, T, "a test").origin()).isEqualTo(T);
        assertThat(TraceContext.rejected()).as("no traceparent at all is not malformed").isEqualTo(before + 1);
    }

    @Test
    void aChildKeepsTheTraceStateAndOriginWithANewParentId() {
        TraceContext c = TraceContext.parse(VALID, "a=b", T);

        TraceContext child = c.child();

        assertThat(child.traceId()).isEqualTo(c.traceId());
        assertThat(child.spanId()).hasSize(16).isNotEqualTo(c.spanId()).matches("[0-9a-f]{16}");
        assertThat(child.state()).isEqualTo("a=b");
        assertThat(child.origin()).isEqualTo(T);
    }

    @Test
    void messagesCarryTheirTraceAndOriginAcrossDerive() {
        Message<Integer> a = Message.of(1);
        Message<String> b = a.hop().derive("x").to("l.e");

        assertThat(a.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(a.origin()).isEqualTo(a.timestamp());
        assertThat(b.traceparent()).isEqualTo(a.traceparent());
        assertThat(b.origin()).isEqualTo(a.origin());
        assertThat(new Message<>(1, null, null, 0, T, "4bf92f3577b34da6a3ce929d0e0e4736").origin()).isEqualTo(T);
        assertThatThrownBy(() -> new Message<>(1, null, null, 0, T, "trace"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
