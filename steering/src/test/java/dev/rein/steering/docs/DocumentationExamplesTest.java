package dev.rein.steering.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rein.tensor.testing.SharedData;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java code the README, docs/hooks.md, docs/demo.md, docs/cie.md, docs/ctrl.md and docs/dph.md show, compiled and
 * run as written: the {@code java} blocks of a page are one program, run in order (their {@code import} lines
 * gathered at the top), so a page that no longer compiles or throws fails here. The only change made to them is
 * {@code "../shared/} becoming the shared folder's path, since the pages are read from the checkout's root and the
 * tests run in a module's folder.
 */
class DocumentationExamplesTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^( *)```java\\n(.*?)^\\1```", Pattern.DOTALL);
    /** The front door's promise: the README's first example does its task in at most this many lines. */
    private static final int FIRST_EXAMPLE_LINES = 4;

    @TempDir
    Path classes;

    @Test
    void theReadmeExamplesRun() throws Exception {
        run("README.md");
    }

    @Test
    void theReadmesFirstExampleLoadsSteersAndGeneratesInFourLines() throws IOException {
        String first = javaBlocks(page("README.md")).getFirst();
        List<String> statements = first.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.equals("}")).toList();
        assertTrue(statements.size() <= FIRST_EXAMPLE_LINES, "README's first example takes " + statements.size()
                + " lines: " + statements);
        String code = String.join("\n", statements);
        for (String call : List.of("LanguageModel.load(", "addToResidual(", "generate(", "maxNewTokens(40)")) {
            assertTrue(code.contains(call), "README's first example lacks " + call + ":\n" + code);
        }
    }

    @Test
    void theExamplesProjectRunsTheReadmesFirstExample() throws IOException {
        String example = page("examples/src/main/java/dev/rein/examples/SteerLlama.java");
        for (String line : javaBlocks(page("README.md")).getFirst().lines().map(String::strip).toList()) {
            if (!line.isEmpty() && !line.startsWith("try (LanguageModel model = LanguageModel.load(")) {
                assertTrue(example.contains(line), "examples/.../SteerLlama.java lacks the README's line " + line);
            }
        }
    }

    @Test
    void theHooksPageExamplesRun() throws Exception {
        run("docs/hooks.md");
    }

    @Test
    void theDemoPageExamplesRun() throws Exception {
        run("docs/demo.md");
    }

    @Test
    void theCiePageExamplesRun() throws Exception {
        run("docs/cie.md");
    }

    @Test
    void theDphPageExamplesRun() throws Exception {
        run("docs/dph.md");
    }

    @Test
    void theCtrlPageExamplesRun() throws Exception {
        run("docs/ctrl.md");
    }

    private void run(String pageName) throws Exception {
        List<String> blocks = javaBlocks(page(pageName));
        assertTrue(!blocks.isEmpty(), pageName + " shows no Java");
        String className = "Page" + Integer.toHexString(pageName.hashCode());
        String source = program(className, blocks).replace("\"../shared/", "\"" + sharedRoot() + "/");
        Path file = classes.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null, List.of("-d", classes.toString(), "-classpath",
                classPath(), "--add-modules", "jdk.incubator.vector", "-Xlint:-incubating"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
        if (!compiled) {
            fail(pageName + "'s Java does not compile:\n" + errors + "\n" + numbered(source));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            loader.loadClass(className).getMethod("run").invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError(pageName + "'s Java throws " + e.getCause(), e.getCause());
        }
    }

    /** The blocks' imports first, then their statements in order, as the body of {@code run()}. */
    private static String program(String className, List<String> blocks) {
        Set<String> imports = new LinkedHashSet<>();
        StringBuilder body = new StringBuilder();
        for (String block : blocks) {
            for (String line : block.lines().toList()) {
                if (line.startsWith("import ")) {
                    imports.add(line);
                } else {
                    body.append("        ").append(line).append('\n');
                }
            }
        }
        return String.join("\n", imports) + "\n\npublic class " + className + " {\n"
                + "    public static void run() throws Exception {\n" + body + "    }\n}\n";
    }

    /** The {@code java} blocks of a page, each with the indentation of its fence taken off. */
    static List<String> javaBlocks(String page) {
        List<String> blocks = new ArrayList<>();
        Matcher matcher = JAVA_BLOCK.matcher(page);
        while (matcher.find()) {
            int indent = matcher.group(1).length();
            blocks.add(matcher.group(2).lines().map(line -> line.length() >= indent && line.substring(0, indent)
                    .isBlank() ? line.substring(indent) : line.strip()).reduce("", (a, b) -> a + b + "\n"));
        }
        return blocks;
    }

    private static String page(String name) throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return Files.readString(dir.resolve(name));
            }
        }
        throw new IOException("the checkout's root (with README.md and docs/) was not found above "
                + Path.of("").toAbsolutePath());
    }

    private static String sharedRoot() {
        return SharedData.root().toString().replace('\\', '/');
    }

    /** The test's class path, with the entries of a manifest-only jar (as Surefire may start the JVM) spelled out. */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    String more = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (more != null) {
                        for (String url : more.trim().split("\\s+")) {
                            entries.add(Path.of(Path.of(entry).getParent().toUri().resolve(url)).toString());
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String numbered(String source) {
        List<String> lines = source.lines().toList();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines.get(i)));
        }
        return out.toString();
    }
}
