package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void wireNamesRoundTrip() {
        assertThat(NotificationKind.NEXT.wireName()).isEqualTo("next");
        assertThat(NotificationKind.ERROR.wireName()).isEqualTo("error");
        assertThat(NotificationKind.COMPLETED.wireName()).isEqualTo("completed");
        for (NotificationKind n : NotificationKind.values()) {
            assertThat(NotificationKind.fromWireName(n.wireName())).isSameAs(n);
        }
    }

    @Test
    void anUnknownNameSaysWhatIsAccepted() {
        assertThatThrownBy(() -> NotificationKind.fromWireName("complete")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("notification must be 'next', 'error' or 'completed', got 'complete'");
    }
}
