package io.mape.remote;

import io.mape.App;
import io.mape.remote.tck.TransportTck;

/** The in-process transport passes the TCK; there is no server, so the reconnect test is skipped. */
class InProcessTransportTckTest extends TransportTck {

    private final InProcessHub hub = InProcessHub.create();

    @Override
    protected Transport transport(App app) {
        return InProcessTransport.builder(app).hub(hub).build();
    }

    @Override
    protected boolean hasServer() {
        return false;
    }
}
