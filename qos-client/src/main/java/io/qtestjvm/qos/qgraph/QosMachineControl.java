package io.qtestjvm.qos.qgraph;

import io.qtestjvm.qos.libqtest.QTestState;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How {@link QosTestRunner} starts, resets and stops machines (qos-test.c {@code restart_qemu_or_continue}): a
 * starter from command line to handle, {@code system_reset} followed by waiting for the {@code RESET} event, and
 * {@code qtest_end}. Kept apart from the runner so that the reuse rule is testable without a machine.
 *
 * @param <H> the machine handle type
 */
public interface QosMachineControl<H> {
    /** Starts a machine with the graph's command line ({@code qtest_start(cmd)}). */
    H start(String commandLine);

    /** {@code system_reset} and wait for the {@code RESET} event. */
    void systemReset(H machine);

    /** {@code qtest_end}: ends the machine. */
    void stop(H machine);

    /**
     * {@link #systemReset}, or false when the machine has no {@code system_reset} (QMP {@code CommandNotFound}), in
     * which case the runner starts a new machine instead. Not in QEMU, where the command always exists.
     */
    default boolean trySystemReset(H machine) {
        systemReset(machine);
        return true;
    }

    static <H> QosMachineControl<H> of(Function<String, H> start, Consumer<H> systemReset, Consumer<H> stop) {
        Objects.requireNonNull(start);
        Objects.requireNonNull(systemReset);
        Objects.requireNonNull(stop);
        return new QosMachineControl<>() {
            @Override
            public H start(String commandLine) {
                return start.apply(commandLine);
            }

            @Override
            public void systemReset(H machine) {
                systemReset.accept(machine);
            }

            @Override
            public void stop(H machine) {
                stop.accept(machine);
            }
        };
    }

    /**
     * For {@link QTestState}: QMP {@code system_reset} then {@code eventWait("RESET")}, and {@code close()} (SIGTERM
     * for a process) to stop. {@code start} decides the backend, e.g. {@code cmd -> QTestState.init(binary, cmd)}.
     * A reply of {@code CommandNotFound} makes {@link #trySystemReset} answer false; any other error fails.
     */
    static QosMachineControl<QTestState> qtest(Function<String, QTestState> start) {
        Objects.requireNonNull(start);
        return new QosMachineControl<>() {
            @Override
            public QTestState start(String commandLine) {
                return start.apply(commandLine);
            }

            @Override
            public void systemReset(QTestState qts) {
                if (!trySystemReset(qts)) {
                    throw new IllegalStateException("system_reset: CommandNotFound");
                }
            }

            @Override
            public boolean trySystemReset(QTestState qts) {
                Map<String, Object> reply = qts.qmp("{\"execute\": \"system_reset\"}");
                if (reply.get("error") instanceof Map<?, ?> error) {
                    if ("CommandNotFound".equals(error.get("class"))) {
                        return false;
                    }
                    throw new IllegalStateException("system_reset failed: " + reply);
                }
                qts.eventWait("RESET");
                return true;
            }

            @Override
            public void stop(QTestState qts) {
                qts.close();
            }
        };
    }
}
