package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void wireNamesRoundTrip() {
        assertThat(Notification.NEXT.wireName()).isEqualTo("next");
        assertThat(Notification.ERROR.wireName()).isEqualTo("error");
        assertThat(Notification.COMPLETED.wireName()).isEqualTo("completed");
        for (Notification n : Notification.values()) {
            assertThat(Notification.fromWireName(n.wireName())).isSameAs(n);
        }
    }

    @Test
    void anUnknownNameSaysWhatIsAccepted() {
        assertThatThrownBy(() -> Notification.fromWireName("complete")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification must be 'next', 'error' or 'completed', got 'complete'");
    }
}
