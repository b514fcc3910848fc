package io.mape.remote.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InfluxWriteOptionsTest {

    @Test
    void defaults() {
        InfluxWriteOptions o = InfluxWriteOptions.defaults();
        assertThat(o.batchSize()).isEqualTo(1000);
        assertThat(o.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.bufferLimit()).isEqualTo(10_000);
        assertThat(o.retryFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.closeTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void toBuilderKeepsWhatIsNotChanged() {
        InfluxWriteOptions o = InfluxWriteOptions.builder().batchSize(5).retryFor(Duration.ZERO).build()
                .toBuilder().bufferLimit(7).build();
        assertThat(o.batchSize()).isEqualTo(5);
        assertThat(o.retryFor()).isZero();
        assertThat(o.bufferLimit()).isEqualTo(7);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        InfluxWriteOptions.Builder b = InfluxWriteOptions.builder();
        assertThatThrownBy(() -> b.batchSize(0)).hasMessage("batchSize must be at least 1, got 0");
        assertThatThrownBy(() -> b.bufferLimit(-1)).hasMessage("bufferLimit must be at least 1, got -1");
        assertThatThrownBy(() -> b.flushInterval(Duration.ZERO)).hasMessage("flushInterval must be positive, got PT0S");
        assertThatThrownBy(() -> b.retryFor(Duration.ofSeconds(-1))).hasMessage("retryFor must not be negative, got PT-1S");
        assertThatThrownBy(() -> b.closeTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("closeTimeout");
    }
}
