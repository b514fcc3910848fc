package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.ConfigException;
import io.mape.config.MapeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code redis} section, declared by this module. */
class RedisConfigTest {

    @TempDir
    Path dir;

    @Test
    void theUrlComesFromTheFileOrTheEnvironment() throws Exception {
        Path f = Files.writeString(dir.resolve("mape.yml"), "redis.url: redis://h:1/0\n");
        assertThat(MapeConfig.load(f, Map.of()).find(RedisConfig.URL)).contains("redis://h:1/0");
        assertThat(MapeConfig.load(f, Map.of("MAPE_REDIS_URL", "redis://e:2/0")).get(RedisConfig.URL))
                .isEqualTo("redis://e:2/0");
        assertThat(MapeConfig.defaults().find(RedisConfig.URL)).isEmpty();
    }

    @Test
    void aTypoIsRefusedWithTheNearestKey() throws Exception {
        Path f = Files.writeString(dir.resolve("mape.yml"), "redis:\n  ulr: redis://h:1/0\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 2: unknown key 'redis.ulr' in section 'redis'; did you mean 'redis.url'? "
                        + "(its keys: url)");
    }
}
