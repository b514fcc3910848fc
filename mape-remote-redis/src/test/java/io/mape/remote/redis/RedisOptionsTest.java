package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisOptionsTest {

    @Test
    void defaults() {
        RedisOptions o = RedisOptions.defaults();
        assertThat(o.url()).isNull();
        assertThat(o.deliveryBuffer()).isEqualTo(RedisOptions.DEFAULT_DELIVERY_BUFFER);
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.maxReconnectDelay()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void checksEachSettingAtTheEdge() {
        assertThatThrownBy(() -> RedisOptions.builder().url("tcp://h")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> RedisOptions.builder().deliveryBuffer(-1))
                .hasMessage("deliveryBuffer must be at least 1, got -1");
        assertThatThrownBy(() -> RedisOptions.builder().connectTimeout(Duration.ZERO))
                .hasMessage("connectTimeout must be positive, got PT0S");
    }

    @Test
    void equalByValue_andPrintsNoPassword() {
        RedisOptions a = RedisOptions.builder().url("redis://u:pw@h:1/0").deliveryBuffer(5).build();
        RedisOptions b = a.toBuilder().build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.toBuilder().deliveryBuffer(6).build());
        assertThat(a.toString()).contains("redis://u:***@h:1/0").doesNotContain("pw@");
    }
}
