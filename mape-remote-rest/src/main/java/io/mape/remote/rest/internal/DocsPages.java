package io.mape.remote.rest.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The ReDoc page, served with nothing from the internet: its script comes from the ReDoc webjar on the class path,
 * and the page names no font service or logo, so it works offline (the browser's fonts stand in).
 */
final class DocsPages {

    /** Where the page finds ReDoc's script. */
    static final String REDOC_SCRIPT_PATH = RestApi.WEBJARS_PREFIX + "redoc/redoc.standalone.js";

    private static final String WEBJAR = "META-INF/resources/webjars/redoc/";
    private static final String PAGE = """
            <!DOCTYPE html>
            <html>
              <head>
                <title>mape-java REST API</title>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{margin:0;padding:0;font-family:system-ui,sans-serif;}</style>
              </head>
              <body>
                <div id="redoc"></div>
                <script src="%s"></script>
                <script>Redoc.init('%s', {}, document.getElementById('redoc'))</script>
              </body>
            </html>
            """.formatted(REDOC_SCRIPT_PATH, RestApi.OPENAPI_PATH);

    private DocsPages() {
    }

    static void redoc(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(PAGE);
    }

    static void redocScript(Context ctx) {
        ctx.contentType("application/javascript").header("Cache-Control", "max-age=86400").result(Script.BYTES);
    }

    /** The script, read once on first use (about 1 MB). */
    private static final class Script {
        static final byte[] BYTES = read();

        private static byte[] read() {
            ClassLoader loader = DocsPages.class.getClassLoader();
            try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/redoc/pom.properties")) {
                if (pom == null) {
                    throw new IllegalStateException("the ReDoc webjar (org.webjars.npm:redoc) is not on the class path");
                }
                Properties p = new Properties();
                p.load(pom);
                String path = WEBJAR + p.getProperty("version") + "/bundles/redoc.standalone.js";
                try (InputStream in = loader.getResourceAsStream(path)) {
                    if (in == null) {
                        throw new IllegalStateException(path + " is not on the class path");
                    }
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
