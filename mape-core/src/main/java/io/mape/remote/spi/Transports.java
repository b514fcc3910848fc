package io.mape.remote.spi;

import io.mape.App;
import io.mape.remote.SinkOptions;
import io.mape.remote.Transport;
import io.mape.remote.internal.DriverTransport;
import io.reactivex.rxjava3.schedulers.Schedulers;

/** Makes the {@link Transport} of a {@link TransportDriver}: what a remote module's builder returns. */
public final class Transports {

    private Transports() {
    }

    /**
     * The transport of {@code driver} for {@code app}: its sinks use {@code defaults} unless told otherwise, back off
     * on {@code Schedulers.computation()}, and encode and decode with the App's codec. It is managed by the App
     * (closed with it) and closes the driver when it closes.
     */
    public static Transport over(App app, TransportDriver driver, SinkOptions defaults) {
        DriverTransport t = new DriverTransport(app, driver, defaults, Schedulers.computation());
        try {
            return app.manage(t);
        } catch (IllegalStateException e) {
            t.close();
            throw e;
        }
    }
}
