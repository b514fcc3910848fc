package io.mape.remote.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mape.config.ConfigException;
import io.mape.remote.RemoteUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The lease store reads the URLs the remote reads, and shows no password when it cannot connect. */
class RedisLeaseStoreUrlTest {

    @Test
    void cannotConnect_thePasswordNowhere() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Throwable thrown = catchThrowable(() -> RedisLeaseStore.builder("redis://alice:s3cret@127.0.0.1:" + closed + "/0")
                .build());
        assertThat(thrown).isInstanceOf(RemoteUnavailableException.class)
                .hasMessageContaining("redis://alice:***@127.0.0.1:" + closed);
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("s3cret");
    }

    @Test
    void aClusterUrlIsRefusedSayingSo() {
        assertThatThrownBy(() -> RedisLeaseStore.builder("redis-cluster://alice:s3cret@h:7000").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("names a cluster")
                .hasMessageNotContaining("s3cret");
    }
}
