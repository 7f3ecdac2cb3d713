package io.qtestjvm.qos.cli;

import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.qgraph.QosGraph;
import io.qtestjvm.qos.qgraph.QosTestOptions;
import io.qtestjvm.qos.tests.Check;
import io.qtestjvm.qos.tests.QosTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/qos-test} itself, in this JVM: TAP and JUnit XML read back, exit statuses, usage errors, shards. */
class QosTestCliTest {
    private static final Pattern TAP_LINE = Pattern.compile("^(ok|not ok) (\\d+) (/\\S+)( # SKIP .+)?$");

    /** One run's exit status and output. */
    record Run(int status, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }

    private static Run run(Map<String, String> env, Supplier<QosGraph<QTestState>> graphs, String... args) {
        QosTestCli cli = new QosTestCli();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cli.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        cli.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        cli.env = env;
        cli.terminal = false;
        if (graphs != null) {
            cli.graphs = graphs;
        }
        int status = QosTestCli.run(cli, args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(Map.of(), null, args);
    }

    /** The real graph plus a test on {@code sdhci} that fails its check on the capabilities register. */
    private static QosGraph<QTestState> graphWithFailingTest() {
        QosGraph<QTestState> g = QosTests.graph();
        g.addTest("always-fails", "sdhci", (obj, arg, alloc) -> Check.equal(0x1234, 0x4321, "made-up register"),
                QosTestOptions.none());
        return g;
    }

    @Test
    void tapHasThePlanThenOneAscendingOkLinePerPathAndExitsZero() {
        Run r = run("--tap", "-j", "2", "-p", "edu|sdhci");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.outLines();
        assertEquals("TAP version 13", lines.get(0));
        Matcher plan = Pattern.compile("^1\\.\\.(\\d+)$").matcher(lines.get(1));
        assertTrue(plan.matches(), lines.get(1));
        int n = Integer.parseInt(plan.group(1));
        assertTrue(n > 20, "edu and sdhci paths over three arches: " + n);
        int expected = 1;
        int skips = 0;
        for (String l : lines.subList(2, lines.size())) {
            Matcher m = TAP_LINE.matcher(l);
            assertTrue(m.matches(), l);
            assertEquals("ok", m.group(1), l);
            assertEquals(expected++, Integer.parseInt(m.group(2)));
            assertTrue(m.group(3).matches(".*(edu|sdhci).*"), l);
            skips += m.group(4) != null ? 1 : 0;
        }
        assertEquals(n + 1, expected);
        assertTrue(skips > 0, "raspi2b's controller offers no SDMA/ADMA2: those paths are skipped with a reason");
    }

    @Test
    void failingPathIsNotOkWithTheCheckAndTheLastExchangesAndExitStatusOne() {
        Run r = run(Map.of(), QosTestCliTest::graphWithFailingTest, "--tap", "-k", "-j", "1", "-p", "sdhci-tests/(registers|always)");
        assertEquals(1, r.status());
        List<String> lines = r.outLines();
        int notOk = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("not ok")) {
                notOk = i;
                assertTrue(lines.get(i).endsWith("/sdhci-tests/always-fails"), lines.get(i));
            }
        }
        assertTrue(notOk > 0, r.out());
        assertTrue(lines.get(notOk + 1).startsWith("# AssertionError: made-up register: 0x4321, expected 0x1234"),
                lines.get(notOk + 1));
        assertEquals("# last exchanges:", lines.get(notOk + 2));
        assertTrue(lines.get(notOk + 3).startsWith("#   "), lines.get(notOk + 3));
        // -k: the paths after the failure ran too (registers and always-fails on each machine with an sdhci)
        assertEquals(lines.get(1), "1.." + (lines.stream().filter(l -> l.matches("^(not )?ok .*")).count()));
        assertTrue(r.err().contains("failed"), r.err());
    }

    @Test
    void withoutKeepGoingTheRunStopsAfterTheFirstFailureAndBailsOut() {
        Run r = run(Map.of(), QosTestCliTest::graphWithFailingTest, "--tap", "-j", "1", "-p", "sdhci-tests/(registers|always)");
        assertEquals(1, r.status());
        List<String> lines = r.outLines();
        assertTrue(lines.getLast().startsWith("Bail out! "), r.out());
        long reported = lines.stream().filter(l -> l.matches("^(not )?ok .*")).count();
        int planned = Integer.parseInt(lines.get(1).substring(3));
        assertTrue(reported < planned, reported + " of " + planned);
        assertTrue(lines.get((int) reported + 1).startsWith("not ok"), "the failure is the last line reported");
    }

    @Test
    void junitXmlReadsBackWithOneTestCasePerPathAndTheFailure(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("out/report.xml");
        Run r = run(Map.of(), QosTestCliTest::graphWithFailingTest, "-k", "-j", "2", "-p", "sdhci", "--junit", xml.toString());
        assertEquals(1, r.status());
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        NodeList cases = d.getElementsByTagName("testcase");
        assertEquals(cases.getLength(), Integer.parseInt(suite.getAttribute("tests")));
        int failures = 0;
        int skipped = 0;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            assertTrue(names.add(c.getAttribute("name")), "each path once: " + c.getAttribute("name"));
            assertTrue(c.getAttribute("name").startsWith("/"), c.getAttribute("name"));
            assertTrue(c.getAttribute("classname").matches("qos\\.(x86_64|i386|arm|aarch64|ppc64)\\.jvm"),
                    c.getAttribute("classname"));
            if (c.getElementsByTagName("failure").getLength() > 0) {
                failures++;
                Element f = (Element) c.getElementsByTagName("failure").item(0);
                assertTrue(c.getAttribute("name").endsWith("/always-fails"));
                assertTrue(f.getAttribute("message").contains("made-up register"), f.getAttribute("message"));
                assertTrue(f.getTextContent().contains("=>"), "the last exchanges follow: " + f.getTextContent());
            }
            skipped += c.getElementsByTagName("skipped").getLength();
        }
        assertEquals(failures, Integer.parseInt(suite.getAttribute("failures")));
        assertEquals(skipped, Integer.parseInt(suite.getAttribute("skipped")));
        assertTrue(failures >= 2, "always-fails fails on every machine with an sdhci: " + failures);
    }

    @Test
    void progressLineOnATerminalCountsDoneFailuresAndEta() {
        QosTestCli cli = new QosTestCli();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cli.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        cli.err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        cli.env = Map.of();
        cli.terminal = true;
        assertEquals(0, QosTestCli.run(cli, "-p", "edu-tests", "-j", "2"));
        String s = out.toString(StandardCharsets.UTF_8);
        assertFalse(s.contains("TAP version"), s);
        String last = s.substring(s.lastIndexOf('\r') + 1).strip();
        assertTrue(last.matches("\\[(\\d+)/\\1] 0 failed, \\d+ skipped, [0-9.]+s elapsed, ETA 0\\.0s"), last);
    }

    @Test
    void everyUsageErrorIsOneLineOnStderrWithStatusTwo() {
        List<List<String>> calls = List.of(List.of("--bogus"), List.of("-j", "0"), List.of("-j", "x"),
                List.of("--shard", "3/2"), List.of("--shard", "x"), List.of("-p", "("),
                List.of("--binary", "/nonexistent/qemu-system-x86_64"), List.of("--binary", "no-arch"),
                List.of("--in-jvm", "--binary", "qemu-system-x86_64"), List.of("--arch", "sparc"),
                List.of("--compat", "9.0"), List.of("trace-diff"), List.of("trace-diff", "--left", "a", "--right", "b"),
                List.of("startup"), List.of("startup", "-n", "0", "qemu-system-x86_64"), List.of("startup", "no-arch"));
        for (List<String> c : calls) {
            Run r = run(c.toArray(String[]::new));
            assertEquals(2, r.status(), c + ": " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, c + ": " + r.err());
            assertTrue(r.err().startsWith("qos-test: "), c + ": " + r.err());
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), c + ": " + r.err());
        }
        Run env = run(Map.of("QTEST_QEMU_BINARY", "/nonexistent/qemu-system-arm"), null);
        assertEquals(2, env.status());
        assertEquals("qos-test: /nonexistent/qemu-system-arm is not installed", env.err().strip());
    }

    @Test
    void withoutAnyBinaryThePathsRunInThisJvm() {
        Run r = run("-l");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("/x86_64/pc/") && r.out().contains("/arm/raspi2b/"), r.out());
        Run m = run("-l", "-m", "raspi2b");
        assertTrue(m.outLines().stream().allMatch(l -> l.startsWith("/arm/raspi2b/")), m.out());
    }

    @Test
    void everyPathIsInExactlyOneShardInRunOrder() {
        List<String> all = run("-l").outLines();
        for (int n : new int[] {1, 2, 3, 7}) {
            List<String> joined = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                joined.addAll(run("-l", "--shard", i + "/" + n).outLines());
            }
            assertEquals(all, joined, n + " shards");
        }
    }

    @Test
    void bazelShardVariablesSelectAShardAndTouchTheStatusFile(@TempDir Path dir) {
        List<String> all = run("-l").outLines();
        Path status = dir.resolve("shard-status");
        List<String> joined = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Map<String, String> env = new HashMap<>();
            env.put("TEST_TOTAL_SHARDS", "3");
            env.put("TEST_SHARD_INDEX", Integer.toString(k));
            env.put("TEST_SHARD_STATUS_FILE", status.toString());
            Run r = run(env, null, "-l");
            assertEquals(0, r.status(), r.err());
            assertTrue(Files.exists(status), "status file touched");
            assertEquals(run("-l", "--shard", (k + 1) + "/3").outLines(), r.outLines());
            joined.addAll(r.outLines());
        }
        assertEquals(all, joined);
        Run both = run(Map.of("TEST_TOTAL_SHARDS", "2"), null, "-l", "--shard", "1/2");
        assertEquals(2, both.status());
    }
}
