package io.mape.remote.rest.internal;

import io.mape.Element;
import io.mape.ElementStats;
import java.util.Locale;

/** What {@code GET /loops/{loop}/elements/{element}} answers about one element. */
record ElementView(String uid, String path, String kind, boolean running, String startBehaviour, String inputType,
                   int subscribers, ElementStats stats) {

    static ElementView of(Element<?, ?> e) {
        return new ElementView(e.uid(), e.path(), e.kind().name().toLowerCase(Locale.ROOT), e.isRunning(),
                e.kind().startBehaviour().name().toLowerCase(Locale.ROOT), e.inputType().getTypeName(),
                e.subscriberCount(), e.stats());
    }
}
