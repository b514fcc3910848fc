package io.mape.examples;

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

/**
 * The {@code java} blocks of README.md and docs/*.md, and how they are compiled. A block is compiled as the body of
 * {@code Snippet.run(Knowledge k)} (what the Knowledge page's samples use), its leading imports kept as imports;
 * failing that, as a compilation unit. A block that opens with a type declaration after its imports (a test class)
 * is tried as a compilation unit first, so that its type is top-level. Common imports are added to both. A block preceded by
 * {@code <!-- fragment: ... -->} is a fragment (a class to be used elsewhere): compiled, not run.
 */
final class DocSnippets {

    /** One block; {@code asBody} tells which way it compiled. */
    record Snippet(String name, String code, boolean fragment) {
    }

    /** Where a compiled block's classes are, and whether it is {@code Snippet.run(Knowledge)}'s body. */
    record Compiled(Path classes, boolean asBody) {
    }

    private static final Pattern BLOCK = Pattern.compile("(<!--\\s*fragment\\b[^>]*-->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LEADING_IMPORTS = Pattern.compile("^(?:import [\\w.*]+;\\s*)+");
    /** A type declaration first (annotations first, if any): such a block is tried as a compilation unit first. */
    private static final Pattern TYPE_FIRST = Pattern.compile(
            "^(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*(?:public |final |abstract )*(?:class|record|interface|enum) \\w+");
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
            "import io.mape.remote.mqtt.*;",
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

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    /** One file manager for every block: the class path is opened once. */
    private static final StandardJavaFileManager FILES = JAVAC.getStandardFileManager(null, null, null);

    private DocSnippets() {
    }

    /** Every java block of the README and docs/, in page order. */
    static List<Snippet> all() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Snippet> snippets = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = BLOCK.matcher(Files.readString(page));
            int n = 0;
            while (m.find()) {
                snippets.add(new Snippet(root.relativize(page) + " block " + ++n, m.group(2), m.group(1) != null));
            }
        }
        return snippets;
    }

    /** Compiles {@code code}; an assertion error with both attempts' diagnostics when it compiles neither way. */
    static Compiled compile(String code) {
        Matcher leading = LEADING_IMPORTS.matcher(code);
        String imports = leading.find() ? leading.group() : "";
        if (TYPE_FIRST.matcher(code.substring(imports.length())).find()) {
            Path out = tempDir();
            if (javac(withImports(code), out) == null) {
                return new Compiled(out, false);
            }
        }
        String body = IMPORTS + imports + "public class Snippet {\n    public void run(Knowledge k) throws Exception {\n"
                + code.substring(imports.length()) + "\n    }\n}\n";
        Path out = tempDir();
        String asBody = javac(body, out);
        if (asBody == null) {
            return new Compiled(out, true);
        }
        String unit = withImports(code);
        String asUnit = javac(unit, out);
        if (asUnit != null) {
            throw new AssertionError("compiles neither as a method body:\n" + body + "\n" + asBody
                    + "\nnor as a compilation unit:\n" + unit + "\n" + asUnit);
        }
        return new Compiled(out, false);
    }

    /** Null when {@code unit} compiles into {@code out}, else the diagnostics. */
    private static String javac(String unit, Path out) {
        StringWriter diagnostics = new StringWriter();
        Matcher publicType = PUBLIC_TYPE.matcher(unit);
        String file = publicType.find() ? publicType.group(1) : "Snippet";
        JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + file + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        boolean ok = JAVAC.getTask(diagnostics, FILES, null,
                List.of("-proc:none", "-d", out.toString(), "-classpath", System.getProperty("java.class.path")),
                null, List.of(source)).call();
        return ok ? null : diagnostics.toString();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("docs-snippet");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String withImports(String code) {
        if (code.startsWith("package ")) {
            int end = code.indexOf('\n') + 1;
            return code.substring(0, end) + IMPORTS + code.substring(end);
        }
        return IMPORTS + code;
    }
}
