package io.mape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void newMessagesStartNewTraces() {
        Message<Integer> a = Message.of(1);
        Message<Integer> b = Message.of(1);

        assertThat(a.traceId()).hasSize(32).isNotEqualTo(b.traceId());
        assertThat(a.hops()).isZero();
        assertThat(a.src()).isNull();
        assertThat(Message.of(1, "l.e").dst()).isEqualTo("l.e");
    }

    @Test
    void deriveKeepsTheTraceAndTheRoute() {
        Message<Integer> a = Message.of(1, "l.e").from("l.src").hop();

        Message<String> b = a.derive("one");

        assertThat(b.traceId()).isEqualTo(a.traceId());
        assertThat(b.src()).isEqualTo("l.src");
        assertThat(b.dst()).isEqualTo("l.e");
        assertThat(b.hops()).isEqualTo(1);
        assertThat(b.value()).isEqualTo("one");
    }

    @Test
    void nullValueIsRefused() {
        assertThatThrownBy(() -> Message.of(null)).hasMessage("value");
    }

    @Test
    void callMethodCopiesItsArguments() {
        List<Object> args = new java.util.ArrayList<>(List.of(1));
        CallMethod c = new CallMethod("f", args);
        args.add(2);

        assertThat(c.args()).containsExactly(1);
        assertThat(new CallMethod("f", null).args()).isEmpty();
    }
}
