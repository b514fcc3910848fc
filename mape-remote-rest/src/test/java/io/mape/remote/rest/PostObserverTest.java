package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.SinkOptions;
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
    void argumentsOutOfRangeAreRefused() {
        PostObserver.Builder b = PostObserver.builder("http://h:1", "a.b");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestTimeout must be positive, got PT0S");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ofMillis(-1))).hasMessageContaining("positive");
        assertThatThrownBy(() -> b.sinkOptions(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.token(" ")).hasMessageContaining("blank");
    }

    @Test
    void anItemLargerThanMaxItemBytesIsDroppedAsTooLargeAndCounted() {
        try (PostObserver post = PostObserver.builder("http://127.0.0.1:1", "a.b")
                .sinkOptions(SinkOptions.builder().maxItemBytes(16).build()).build()) {
            post.onNext("x".repeat(100));

            assertThat(post.stats().dropped(DropReason.TOO_LARGE)).isEqualTo(1);
            assertThat(post.stats().pending()).isZero();
        }
    }
}
