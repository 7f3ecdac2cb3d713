package io.qtestjvm.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/qos-test} as a user starts it, a real process on the jars the build just made: its in-JVM backend is
 * qos-client's {@code -jvm} jar on the class path, so a class that jar leaves out shows only here (qos-client's own
 * CLI tests run in their test JVM, with every class). It lives in the last module of the build because that is the
 * first place where qos-client's jars are packaged.
 */
class QosTestCommandTest {
    private static final String PATH = "edu/edu/edu-tests/identification$";

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/qos-test"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "bin/qos-test above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private static String run(List<String> args) throws IOException, InterruptedException {
        Path root = root();
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("bin/qos-test").toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/qos-test ended");
        assertEquals(0, p.exitValue(), "exit status of bin/qos-test " + args + ":\n" + out);
        return out;
    }

    @Test
    @Timeout(180)
    void runsAPathInItsOwnJvm() throws Exception {
        String out = run(List.of("--in-jvm", "--arch", "x86_64", "-j", "1", "--tap", "-p", PATH));
        assertTrue(out.contains("1..1") && out.contains("ok 1 /x86_64/pc/"), out);
        assertTrue(!out.contains("not ok") && !out.contains("Exception"), out);
    }

    @Test
    @Timeout(180)
    void runsAPathOnTheStandInProcess() throws Exception {
        String out = run(List.of("--binary", root().resolve("bin/qemu-jvm-system-x86_64").toString(), "-j", "1",
                "--tap", "-p", PATH));
        assertTrue(out.contains("1..1") && out.contains("ok 1 /x86_64/pc/"), out);
        assertTrue(!out.contains("not ok") && !out.contains("Exception"), out);
    }
}
