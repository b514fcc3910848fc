package io.mape.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.disposables.Disposable;
import org.junit.jupiter.api.Test;

class UpstreamsTest {

    @Test
    void disposedOnesArePrunedSoCyclesDoNotGrowIt() {
        Upstreams u = new Upstreams();
        Disposable live = Disposable.empty();
        u.add(live);
        for (int i = 0; i < 100_000; i++) {
            Disposable d = Disposable.empty();
            u.add(d);
            d.dispose();
        }

        assertThat(u.kept()).isLessThanOrEqualTo(16);
        assertThat(u.size()).isEqualTo(1);
        u.dispose();
        assertThat(live.isDisposed()).isTrue();
        Disposable late = Disposable.empty();
        u.add(late);
        assertThat(late.isDisposed()).isTrue();
    }
}
