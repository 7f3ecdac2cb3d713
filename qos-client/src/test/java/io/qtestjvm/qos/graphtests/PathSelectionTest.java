package io.qtestjvm.qos.graphtests;

import io.qtestjvm.qos.qgraph.QosMachineControl;
import io.qtestjvm.qos.qgraph.QosTestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code qos.filter} / {@code qos.shard} selection, and the restart when a machine has no {@code system_reset}. */
class PathSelectionTest {
    private static final List<String> NAMES = List.of("/x86_64/pc/a", "/x86_64/pc/b", "/x86_64/pc/c", "/i386/pc/a",
            "/i386/pc/b");

    @AfterEach
    void clearProperties() {
        System.clearProperty("qos.filter");
        System.clearProperty("qos.shard");
    }

    @Test
    void filterKeepsNamesContainingAMatch() {
        System.setProperty("qos.filter", "x86_64.*/[ab]$");
        assertEquals(List.of("/x86_64/pc/a", "/x86_64/pc/b"), PathSelection.select(NAMES));
    }

    @Test
    void shardsAreContiguousAndCoverEveryNameOnce() {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            System.setProperty("qos.shard", i + "/3");
            all.addAll(PathSelection.select(NAMES));
        }
        assertEquals(NAMES, all);
        System.setProperty("qos.shard", "1/3");
        assertEquals(List.of("/x86_64/pc/a"), PathSelection.select(NAMES));
    }

    @Test
    void shardOutsideOneToNIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PathSelection.parseShard("0/3"));
        assertThrows(IllegalArgumentException.class, () -> PathSelection.parseShard("4/3"));
        assertThrows(IllegalArgumentException.class, () -> PathSelection.parseShard("2"));
    }

    @Test
    void machineWithoutSystemResetIsRestartedForTheSameCommandLine() {
        List<String> log = new ArrayList<>();
        int[] ids = {0};
        QosMachineControl<Integer> control = new QosMachineControl<>() {
            @Override
            public Integer start(String commandLine) {
                log.add("start " + commandLine);
                return ++ids[0];
            }

            @Override
            public void systemReset(Integer machine) {
                throw new AssertionError("not called");
            }

            @Override
            public boolean trySystemReset(Integer machine) {
                log.add("system_reset #" + machine + ": CommandNotFound");
                return false;
            }

            @Override
            public void stop(Integer machine) {
                log.add("stop #" + machine);
            }
        };
        try (QosTestRunner<Integer> runner = new QosTestRunner<>(control)) {
            runner.restartOrContinue("-M pc ");
            runner.restartOrContinue("-M pc ");
            assertEquals(2, runner.starts());
            assertEquals(1, runner.resetFallbacks());
            assertEquals(0, runner.resets());
        }
        assertEquals(List.of("start -M pc ", "system_reset #1: CommandNotFound", "stop #1", "start -M pc ",
                "stop #2"), log);
    }
}
