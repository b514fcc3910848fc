package io.mape.remote.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfluxStatsTest {

    @Test
    void lostAddsUpTheReasonsAndEveryReasonIsThere() {
        InfluxStats s = new InfluxStats(10, 5, 1, Map.of(LossReason.REJECTED, 3L, LossReason.UNMAPPABLE, 1L));
        assertThat(s.lost()).isEqualTo(4);
        assertThat(s.lost(LossReason.REJECTED)).isEqualTo(3);
        assertThat(s.lost(LossReason.BUFFER_FULL)).isZero();
        assertThat(s.lostByReason()).containsOnlyKeys(LossReason.values());
        assertThatThrownBy(() -> s.lostByReason().put(LossReason.CLOSED, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
