package io.mape.remote.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.mape.config.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisUrlsTest {

    @Test
    void readsUserPasswordHostPortAndDatabase() {
        RedisURI uri = RedisUrls.parse("redis://alice:s3cret@10.0.0.7:6380/3");
        RedisCredentials credentials = uri.getCredentialsProvider().resolveCredentials().block();
        assertThat(credentials.getUsername()).isEqualTo("alice");
        assertThat(new String(credentials.getPassword())).isEqualTo("s3cret");
        assertThat(uri.getHost()).isEqualTo("10.0.0.7");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(3);
        assertThat(uri.isSsl()).isFalse();
    }

    @Test
    void rediss_meansTls() {
        RedisURI uri = RedisUrls.parse("rediss://:pw@example.org");
        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getPort()).isEqualTo(6379);
        assertThat(uri.getDatabase()).isZero();
    }

    @Test
    void refusesOtherSchemes_withoutShowingThePassword() {
        assertThatThrownBy(() -> RedisUrls.parse("http://bob:hunter2@host:6379"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must start with redis:// or rediss://")
                .hasMessageContaining("http://bob:***@host:6379")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesANonNumericDatabase() {
        assertThatThrownBy(() -> RedisUrls.parse("redis://host/cars"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("the database 'cars' must be a number");
    }

    @Test
    void refusesEmptyAndHostless() {
        assertThatThrownBy(() -> RedisUrls.parse(" ")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("redis.url is empty");
        assertThatThrownBy(() -> RedisUrls.parse("redis:///0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("names no host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://alice:s3cret@ho st:6379/0", "redis://alice:s3cret@host:6379/0#x y",
        "redis://alice:s3cret@host:99999/0", "redis://alice:s3cret@[::1/0", "redis://s3cret@ho st/0",
        "redis://alice:s3cret@host:6379/0?timeout=x"})
    void aMalformedUrlShowsThePasswordNowhere_notInTheCauseEither(String url) {
        Throwable thrown = catchThrowable(() -> RedisUrls.parse(url));
        if (thrown == null) {
            return;
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(trace.toString()).doesNotContain("s3cret");
    }

    @Test
    void redactsOnlyThePassword() {
        assertThat(RedisUrls.redact("redis://alice:s3cret@h:1/2")).isEqualTo("redis://alice:***@h:1/2");
        assertThat(RedisUrls.redact("redis://s3cret@h")).isEqualTo("redis://***@h");
        assertThat(RedisUrls.redact("redis://h:1/0")).isEqualTo("redis://h:1/0");
    }
}
