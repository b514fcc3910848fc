package io.mape.remote;

import io.mape.App;
import io.mape.remote.tck.TransportTck;

/** The in-process transport passes the TCK (it has no server to kill: {@link io.mape.remote.tck.ServerTransportTck} is for those that do). */
class InProcessTransportTckTest extends TransportTck {

    private final InProcessHub hub = InProcessHub.create();

    @Override
    protected Transport transport(App app) {
        return InProcessTransport.builder(app).hub(hub).build();
    }
}
