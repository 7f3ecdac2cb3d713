package io.qtestjvm.qos.libqtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Plain per-arch tests beside the graph ({@code qtest_add_func}, tests/qtest/libqtest.c): a test file registers
 * functions for the arch of the binary under test, each under {@code /<arch>/<path>}; the function starts its own
 * machines with the arguments it needs (QEMU's {@code qtest_init}), through the {@link Launcher} of the backend the
 * test runs on.
 */
public final class QtestFunctions {
    /** Starts a machine of the backend under test with {@code extraArgs} ({@code qtest_init}). */
    @FunctionalInterface
    public interface Launcher {
        QTestState init(String extraArgs);
    }

    /** The body of a plain test. */
    @FunctionalInterface
    public interface Body {
        void run(Launcher launcher);
    }

    /** One registered test; {@code virtualTimeReason} is non-null when it needs a moving virtual clock. */
    public record Entry(String path, Body body, String virtualTimeReason) {
    }

    private final String arch;
    private final List<Entry> entries = new ArrayList<>();

    public QtestFunctions(String arch) {
        this.arch = arch;
    }

    /** {@code qtest_get_arch}. */
    public String arch() {
        return arch;
    }

    /** {@code qtest_add_func(path, fn)}: registers {@code /<arch>/<path>}. */
    public QtestFunctions add(String path, Body body) {
        entries.add(new Entry("/" + arch + (path.startsWith("/") ? "" : "/") + path, body, null));
        return this;
    }

    /** As {@link #add}, for a test that needs virtual time (not applicable where the clock does not move). */
    public QtestFunctions addNeedingVirtualTime(String path, String reason, Body body) {
        entries.add(new Entry("/" + arch + (path.startsWith("/") ? "" : "/") + path, body, reason));
        return this;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }
}
