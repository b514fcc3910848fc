package io.mape.remote.rest.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The live page {@code GET /ui}: one HTML page, a script and a style sheet, all from this jar (nothing from the
 * internet). The script draws {@code GET /topology} as SVG in PyMAPE's graphical notation and follows
 * {@code GET /events}; its start and stop buttons call the element routes.
 */
final class UiPage {

    static final String SCRIPT_PATH = RestApi.UI_PATH + "/live.js";
    static final String STYLE_PATH = RestApi.UI_PATH + "/live.css";

    private static final String DIR = "io/mape/remote/rest/ui/";
    private static final byte[] PAGE = read("index.html");
    private static final byte[] SCRIPT = read("live.js");
    private static final byte[] STYLE = read("live.css");
    /** The page runs only its own script and style, and is framed by nobody. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    private UiPage() {
    }

    static void page(Context ctx) {
        ctx.header("Content-Security-Policy", POLICY).header("Cache-Control", "no-store")
                .contentType("text/html; charset=utf-8").result(PAGE);
    }

    static void script(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("application/javascript; charset=utf-8").result(SCRIPT);
    }

    static void style(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("text/css; charset=utf-8").result(STYLE);
    }

    private static byte[] read(String name) {
        try (InputStream in = UiPage.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException(DIR + name + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
