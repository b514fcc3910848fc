package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.remote.DeliveryStats;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of {@link PostObserver.Builder} and the URL it posts to. */
class PostObserverTest {

    @Test
    void postsToTheElementUrlWithItsPort() {
        try (PostObserver post = PostObserver.builder("http://10.0.0.5:6060/mape/", "my loop.detect")
                .port(Port.OUT).build()) {
            assertThat(post).hasToString("POST http://10.0.0.5:6060/mape/loops/my%20loop/elements/detect (port out)");
            assertThat(post.stats()).isEqualTo(DeliveryStats.ofSink(0, 0, 0, Map.of(), 0, 0));
        }
    }

    @Test
    void theBaseMustBeAnHttpUrl() {
        for (String bad : new String[] {"10.0.0.5:6060", "ftp://h/", "http:///x", "http://h:1/?q=1", "not a url"}) {
            assertThatThrownBy(() -> PostObserver.builder(bad, "a.b")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        }
    }

    @Test
    void thePathMustBeLoopDotElement() {
        for (String bad : new String[] {"detect", "a.b.c", ".b", "a.", "a/x.b"}) {
            assertThatThrownBy(() -> PostObserver.builder("http://h:1", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("elementPath must be loop.element, got '" + bad + "'");
        }
    }

    @Test
    void optionsAreImmutableWithDefaultsAndToBuilder() {
        PostOptions changed = PostOptions.defaults().toBuilder().bufferSize(5).build();

        assertThat(PostOptions.defaults().bufferSize()).isEqualTo(PostOptions.DEFAULT_BUFFER_SIZE);
        assertThat(changed.bufferSize()).isEqualTo(5);
        assertThat(changed.toBuilder().build()).hasToString(changed.toString());
        assertThat(changed.requestTimeout()).isEqualTo(PostOptions.DEFAULT_REQUEST_TIMEOUT);
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        PostOptions.Builder b = PostOptions.builder();
        assertThatThrownBy(() -> b.bufferSize(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> b.backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ofMillis(-1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> b.closeTimeout(Duration.ofMillis(-1))).hasMessageContaining("negative");
        assertThatThrownBy(() -> PostObserver.builder("http://h:1", "a.b").token(" ")).hasMessageContaining("blank");
    }
}
