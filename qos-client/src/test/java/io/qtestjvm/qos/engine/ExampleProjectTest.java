package io.qtestjvm.qos.engine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code examples/sdhci-graph-test}, a project outside this build, compiled and run with this build's classes
 * (qos-client, its in-JVM backend, qtest-server) the way its own {@code mvn test} runs it after {@code mvn install}:
 * its test classes' root is handed to the JUnit Platform launcher, and the qos-graph engine runs one test per
 * graph path to {@code sdhci} on {@code [jvm]}, and on {@code [qemu]} where Debian's QEMU is installed (required in
 * CI through {@code QTEST_REQUIRE_QEMU}).
 */
class ExampleProjectTest {
    private static final Set<String> TESTS = Set.of("capabilitiesAreTheMachines", "specificationVersionIsTheMachines",
            "reset-all-clears-block-size");
    private static Path classes;

    @BeforeAll
    static void compileTheExample(@TempDir Path out) throws IOException {
        Path root = Path.of(System.getProperty("qtestjvm.root", "..")).resolve("examples/sdhci-graph-test");
        List<String> sources;
        try (Stream<Path> s = Files.walk(root.resolve("src/test/java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        assertTrue(!sources.isEmpty(), "the example has test sources under " + root);
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> args = new ArrayList<>(List.of("--release", "25", "-proc:none", "-cp", cp, "-d",
                out.toString()));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = javac.run(null, null, err, args.toArray(String[]::new));
        assertEquals(0, status, "javac: " + err);
        classes = out;
    }

    private static EngineRun runExample(String backend) throws IOException {
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ExampleProjectTest.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            return EngineRun.run(List.of(DiscoverySelectors.selectClasspathRoots(Set.of(classes)).getFirst()),
                    Map.of("qos.backend", backend, "qos.compat", "7.2"));
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    private static void assertEveryPathToSdhciPassed(EngineRun r, String backend) {
        int n = 0;
        for (String arch : List.of("/x86_64/pc/", "/i386/pc/", "/arm/raspi2b/", "/aarch64/virt/")) {
            for (String test : TESTS) {
                String name = r.tests.keySet().stream()
                        .filter(k -> k.startsWith(arch) && k.endsWith("/sdhci/sdhci-tests/" + test + " [" + backend
                                + "]")).findFirst().orElseThrow(() -> new AssertionError(arch + " " + test + " not "
                                + "run on [" + backend + "]: " + r.tests.keySet() + r.skipped + r.containers));
                assertEquals(TestExecutionResult.Status.SUCCESSFUL, r.tests.get(name).getStatus(),
                        name + ": " + r.tests.get(name));
                n++;
            }
        }
        assertEquals(n, r.tests.size(), r.tests.keySet().toString());
    }

    @Test
    void theExamplesSdhciTestsPassOnJvm() throws IOException {
        assertEveryPathToSdhciPassed(runExample("jvm"), "jvm");
    }

    @Test
    void theExamplesSdhciTestsPassOnQemu() throws IOException {
        boolean required = System.getenv("QTEST_REQUIRE_QEMU") != null;
        EngineRun r = runExample("qemu");
        if (r.skipped.containsKey("[qemu]")) {
            Assumptions.assumeTrue(required, "Debian's QEMU: " + r.skipped.get("[qemu]"));
        }
        assertEveryPathToSdhciPassed(r, "qemu");
    }
}
