package io.qtestjvm.qos.libqtest;

import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The service through which qos-client reaches the stand-in in this JVM without depending on it: qos-client's
 * main code names no class of {@code qtest-server} or {@code emu-*} (DESIGN.md), so the in-JVM backend is a provider
 * of this interface: qos-client's in-JVM adapter ({@code io.qtestjvm.qos.backend.InJvmProvider}, packaged as the
 * {@code qos-client-<version>-jvm.jar} artifact, found by its name), or another found with {@link ServiceLoader}.
 * It works when that jar and {@code qtest-server}'s are on the class path, as {@code bin/qos-test} puts them.
 *
 * <p>Implementations must be safe to call from several threads at once: each call starts an independent machine,
 * which the calling thread then owns.
 */
public interface InJvmMachines {
    /**
     * Starts a machine of {@code arch} with {@code commandLine} as libqtest pastes it (e.g. {@code "-M pc -device
     * edu"}), emulating QEMU version {@code compat} ({@code "7.2"}, {@code "10.2"}, or null for the default).
     *
     * @throws IllegalArgumentException with QEMU's start-up error text when the command line is rejected
     */
    QtestTransport start(String arch, String commandLine, String compat);

    /**
     * The first provider on the class path, if any: the one beside this interface (looked up once, as its class
     * loader does not change), else the first the thread's context class loader finds.
     */
    static Optional<InJvmMachines> find() {
        Optional<InJvmMachines> own = InJvmProviderLookup.BESIDE_INTERFACE;
        if (own.isPresent()) {
            return own;
        }
        Iterator<InJvmMachines> ctx = ServiceLoader.load(InJvmMachines.class).iterator();
        return ctx.hasNext() ? Optional.of(ctx.next()) : Optional.empty();
    }
}
