package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of README.md and docs/*.md compiles against the library, so the docs cannot rot. A block
 * is compiled as the body of a method that may throw and has a Knowledge {@code k} in scope (what the Knowledge
 * page's samples use), its leading imports kept as imports; failing that, as a compilation unit. Common imports are
 * added to both.
 */
class DocsCompileTest {

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LEADING_IMPORTS = Pattern.compile("^(?:import [\\w.*]+;\\s*)+");
    private static final Pattern PUBLIC_TYPE = Pattern.compile("^public (?:final |abstract )*(?:class|record|interface|enum) (\\w+)", Pattern.MULTILINE);
    /** Wildcards of ours beside RxJava's and java.util.concurrent's: our names must not clash with theirs (java.util's Observable clashes with Rx's, so its types are named). */
    private static final String IMPORTS = String.join("\n",
            "import io.mape.*;",
            "import io.mape.annotation.*;",
            "import io.mape.codec.*;",
            "import io.mape.config.*;",
            "import io.mape.knowledge.*;",
            "import io.mape.remote.*;",
            "import io.mape.remote.influx.*;",
            "import io.mape.remote.redis.*;",
            "import io.mape.remote.rest.*;",
            "import io.reactivex.rxjava3.core.*;",
            "import io.reactivex.rxjava3.disposables.*;",
            "import io.reactivex.rxjava3.schedulers.*;",
            "import java.time.*;",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.Set;",
            "import java.util.concurrent.*;",
            "");

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = BLOCK.matcher(Files.readString(page));
            int n = 0;
            while (m.find()) {
                String code = m.group(1);
                int block = ++n;
                tests.add(DynamicTest.dynamicTest(root.relativize(page) + " block " + block, () -> compile(code)));
            }
        }
        assertThat(tests).as("java blocks in the docs").isNotEmpty();
        return tests.stream();
    }

    private static void compile(String code) {
        Matcher leading = LEADING_IMPORTS.matcher(code);
        String imports = leading.find() ? leading.group() : "";
        String body = IMPORTS + imports + "class Snippet {\n    void run(Knowledge k) throws Exception {\n"
                + code.substring(imports.length()) + "\n    }\n}\n";
        String asBody = javac(body);
        if (asBody == null) {
            return;
        }
        String unit = withImports(code);
        String asUnit = javac(unit);
        assertThat(asUnit).as("compiles as a method body:\n%s\n%s\nor as a compilation unit:\n%s\n%s",
                body, asBody, unit, asUnit).isNull();
    }

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    /** One file manager for every block: the class path is opened once. */
    private static final StandardJavaFileManager FILES = JAVAC.getStandardFileManager(null, null, null);

    /** Null when {@code unit} compiles, else the diagnostics. */
    private static String javac(String unit) {
        StringWriter diagnostics = new StringWriter();
        Matcher publicType = PUBLIC_TYPE.matcher(unit);
        String file = publicType.find() ? publicType.group(1) : "Snippet";
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + file + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        Path out;
        try {
            out = Files.createTempDirectory("docs-compile");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boolean ok = JAVAC.getTask(diagnostics, FILES, null,
                List.of("-proc:none", "-d", out.toString(), "-classpath", System.getProperty("java.class.path")),
                null, List.of(source)).call();
        return ok ? null : diagnostics.toString();
    }

    private static String withImports(String code) {
        if (code.startsWith("package ")) {
            int end = code.indexOf('\n') + 1;
            return code.substring(0, end) + IMPORTS + code.substring(end);
        }
        return IMPORTS + code;
    }
}
