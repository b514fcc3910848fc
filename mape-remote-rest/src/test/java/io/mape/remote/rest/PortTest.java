package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortTest {

    @Test
    void wireNamesRoundTrip() {
        assertThat(Port.IN.wireName()).isEqualTo("in");
        assertThat(Port.OUT.wireName()).isEqualTo("out");
        for (Port p : Port.values()) {
            assertThat(Port.fromWireName(p.wireName())).isSameAs(p);
        }
    }

    @Test
    void anUnknownNameSaysWhatIsAccepted() {
        assertThatThrownBy(() -> Port.fromWireName("IN")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be 'in' or 'out', got 'IN'");
    }
}
