package io.mape.remote.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

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
                .hasMessageContaining("must start with redis://, rediss://")
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
        "redis://alice:s3cret@host:6379/0?timeout=x", "redis-sentinel://alice:s3cret@h1:26379,h 2:26379/0#m",
        "redis-sentinel://alice:s3cret@h1:26379/0", "redis+sentinel://alice:s3cret@h1:x/0#m",
        "redis-sentinel://alice:s3cret@h1:26379/db#m", "redis-sentinel://alice:s3c#ret@h1:26379/0#m",
        "redis-cluster://alice:s3cret@h1:7000,,h3:7002", "redis-cluster://alice:s3cret@h1:7000/3",
        "redis-cluster://alice:s3cret@h1", "redis-cluster://alice:s3c#ret@h1:7000", "redis-cluster://alice:s3cret@h1:7000#m",
        "redis-cluster://s3cret@h1:99999", "rediss-cluster://alice:s3cret@[::1:7000"})
    void aMalformedUrlShowsThePasswordNowhere_notInTheCauseEither(String url) {
        Throwable thrown = catchThrowable(() -> RedisUrls.parse(url));
        if (thrown == null) {
            return;
        }
        assertThat(thrown.getCause()).isNull();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(trace.toString()).doesNotContain("s3cret");
    }

    @Test
    void readsASentinelUrl_inLettucesFormAndWithAPlus() {
        for (String scheme : new String[] {"redis-sentinel", "redis+sentinel"}) {
            RedisURI uri = RedisUrls.parse(scheme + "://:pw@10.0.0.1:26379,10.0.0.2:26380/2#cars");
            assertThat(uri.getSentinelMasterId()).isEqualTo("cars");
            assertThat(uri.getSentinels()).extracting(RedisURI::getHost, RedisURI::getPort)
                    .containsExactly(tuple("10.0.0.1", 26379), tuple("10.0.0.2", 26380));
            assertThat(uri.getDatabase()).isEqualTo(2);
            assertThat(new String(uri.getCredentialsProvider().resolveCredentials().block().getPassword()))
                    .isEqualTo("pw");
        }
        assertThat(RedisUrls.isCluster("redis-sentinel://h:1/0#m")).isFalse();
    }

    @Test
    void aSentinelUrlNamesItsPrimary() {
        assertThatThrownBy(() -> RedisUrls.parse("redis-sentinel://alice:s3cret@h:26379/0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("names no primary")
                .hasMessageContaining("redis-sentinel://alice:***@h:26379/0").hasMessageNotContaining("s3cret");
    }

    @Test
    void readsAClusterUrl_everySeedWithTheCredentials() {
        String url = "redis-cluster://alice:s3cret@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002";
        assertThat(RedisUrls.isCluster(url)).isTrue();
        assertThat(RedisUrls.seeds(url)).extracting(RedisURI::getHost, RedisURI::getPort, RedisURI::isSsl)
                .containsExactly(tuple("10.0.0.1", 7000, false), tuple("10.0.0.2", 7001, false),
                        tuple("::1", 7002, false));
        RedisCredentials c = RedisUrls.seeds(url).get(1).getCredentialsProvider().resolveCredentials().block();
        assertThat(c.getUsername()).isEqualTo("alice");
        assertThat(new String(c.getPassword())).isEqualTo("s3cret");
        assertThat(RedisUrls.seeds("rediss-cluster://h:7000")).singleElement().extracting(RedisURI::isSsl)
                .isEqualTo(true);
    }

    @Test
    void aClusterUrlHasOnlyDatabaseZero_andIsNoSingleServer() {
        assertThatThrownBy(() -> RedisUrls.seeds("redis-cluster://alice:s3cret@h:7000/1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only database 0")
                .hasMessageNotContaining("s3cret");
        assertThat(RedisUrls.seeds("redis-cluster://h:7000/0")).hasSize(1);
        assertThatThrownBy(() -> RedisUrls.parse("redis-cluster://alice:s3cret@h:7000"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("names a cluster")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RedisUrls.check("redis-cluster://alice:s3cret@h"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a port")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void redactsOnlyThePassword() {
        assertThat(RedisUrls.redact("redis-cluster://alice:s3cret@h:1,h:2")).isEqualTo("redis-cluster://alice:***@h:1,h:2");
        assertThat(RedisUrls.redact("redis-sentinel://s3cret@h:1,h:2/0#m")).isEqualTo("redis-sentinel://***@h:1,h:2/0#m");
        assertThat(RedisUrls.redact("redis://alice:s3cret@h:1/2")).isEqualTo("redis://alice:***@h:1/2");
        assertThat(RedisUrls.redact("redis://s3cret@h")).isEqualTo("redis://***@h");
        assertThat(RedisUrls.redact("redis://h:1/0")).isEqualTo("redis://h:1/0");
    }
}
