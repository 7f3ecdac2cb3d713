package io.qtestjvm.server.runtime;

import io.qtestjvm.server.cli.StartupException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The qtest sessions the AOT training replays ({@code qtest-server/src/aot}) still fit the stand-in: each makes its
 * machine, every command gets a reply and none is a {@code FAIL}, so the training keeps driving the devices the
 * way qos-test's paths do rather than silently training less.
 */
class RecordedSessionsTest {
    private static final Path DIR = Path.of("src/aot");

    static List<Path> sessions() throws IOException {
        return AotTraining.sessions(DIR);
    }

    @Test
    void everyArchTheLaunchersServeHasASession() throws IOException {
        Set<String> arches = new TreeSet<>();
        for (Path p : sessions()) {
            for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                if (l.startsWith("# arch:")) {
                    arches.add(l.substring("# arch:".length()).strip());
                }
            }
        }
        assertEquals(Set.of("aarch64", "arm", "ppc64", "x86_64"), arches);
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void everyCommandIsAnsweredAndNoneFails(Path session) throws IOException, StartupException {
        List<String> replies = new ArrayList<>();
        int sent = AotTraining.replay(session, (b, off, len) ->
                replies.add(new String(b, off, len, StandardCharsets.UTF_8).strip()));
        assertTrue(sent > 100, session + ": " + sent + " commands");
        List<String> answers = new ArrayList<>();
        for (String r : replies) {
            for (String line : r.split("\n")) {
                if (!line.startsWith("IRQ ")) {
                    answers.add(line);
                }
            }
        }
        assertEquals(sent, answers.size(), session + ": one reply per command");
        for (String a : answers) {
            assertTrue(a.startsWith("OK"), session + ": " + a);
        }
    }
}
