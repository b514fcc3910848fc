package io.mape.examples;

import io.mape.App;
import io.mape.Loop;
import io.mape.remote.rest.RestServer;
import java.util.List;
import java.util.stream.Collectors;

/** {@code --ui}: each App of a run gets a REST server on a free loopback port, whose live page URL is printed. */
public final class LivePages {

    private LivePages() {
    }

    /** With {@code --ui}, serves each of {@code apps} (closed with its App) and prints the URL of its page. */
    public static void serve(Options options, Console console, List<App> apps) {
        if (!options.given(Options.UI)) {
            return;
        }
        for (App app : apps) {
            RestServer server = RestServer.builder(app).address("127.0.0.1:0").build();
            String loops = app.loops().stream().map(Loop::uid).collect(Collectors.joining(", "));
            console.trace("ui", "live page of " + loops + ": " + server.uiUri());
        }
    }
}
