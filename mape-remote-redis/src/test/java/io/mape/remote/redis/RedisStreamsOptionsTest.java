package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStreamsOptionsTest {

    @Test
    void defaults() {
        RedisStreamsOptions o = RedisStreamsOptions.defaults();
        assertThat(o.group()).isNull();
        assertThat(o.consumer()).matches("c-\\d+-[0-9a-f]+");
        assertThat(o.maxLen("any")).isEqualTo(RedisStreamsOptions.DEFAULT_MAX_LEN);
        assertThat(o.batch()).isEqualTo(RedisStreamsOptions.DEFAULT_BATCH);
        assertThat(o.reclaimIdle()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.maxDeliveries()).isEqualTo(RedisStreamsOptions.DEFAULT_MAX_DELIVERIES);
        assertThat(o.patternRefresh()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.readFromStart()).isFalse();
        assertThat(o.streamPrefix()).isEqualTo("stream:");
        assertThat(o.deadLetterPrefix()).isEqualTo("dead:");
    }

    @Test
    void maxLenPerChannel_theFirstMatchingPatternWins() {
        RedisStreamsOptions o = RedisStreamsOptions.builder().maxLen(500).maxLen("car_a.*", 10).maxLen("car_*", 20)
                .build();
        assertThat(o.maxLen("car_a.detect")).isEqualTo(10);
        assertThat(o.maxLen("car_b.detect")).isEqualTo(20);
        assertThat(o.maxLen("bus.detect")).isEqualTo(500);
        assertThat(o.toBuilder().build().maxLen("car_a.x")).isEqualTo(10);
    }

    @Test
    void checksEachSettingAtTheEdge() {
        assertThatThrownBy(() -> RedisStreamsOptions.builder().maxLen(0))
                .hasMessage("maxLen must be at least 1, got 0");
        assertThatThrownBy(() -> RedisStreamsOptions.builder().maxDeliveries(-1))
                .hasMessage("maxDeliveries must be at least 1, got -1");
        assertThatThrownBy(() -> RedisStreamsOptions.builder().reclaimIdle(Duration.ZERO))
                .hasMessage("reclaimIdle must be positive, not PT0S");
        assertThatThrownBy(() -> RedisStreamsOptions.builder().group(" ")).hasMessage("group must not be blank");
        assertThatThrownBy(() -> RedisStreamsOptions.builder().streamPrefix("x:").deadLetterPrefix("x:").build())
                .hasMessage("deadLetterPrefix must differ from streamPrefix, both are 'x:'");
    }
}
