package io.qtestjvm.qos.libqtest;

import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The {@link InJvmMachines} provider that {@link InJvmMachines}' own class loader sees, found once. qos-client's
 * own adapter ({@value #OWN_ADAPTER}, in its {@code jvm} artifact) is tried by name first: a service lookup opens
 * and reads every jar's {@code META-INF/services} entries through the JDK's URL machinery, ~6 ms of a
 * {@code bin/qos-test} run that loading one class does in 0.1 ms. Another provider is found the service way.
 */
final class InJvmProviderLookup {
    static final String OWN_ADAPTER = "io.qtestjvm.qos.backend.InJvmProvider";

    static final Optional<InJvmMachines> BESIDE_INTERFACE = lookUp();

    private InJvmProviderLookup() {
    }

    private static Optional<InJvmMachines> lookUp() {
        ClassLoader loader = InJvmMachines.class.getClassLoader();
        try {
            Class<?> own = Class.forName(OWN_ADAPTER, true, loader);
            return Optional.of((InJvmMachines) own.getConstructor().newInstance());
        } catch (ClassNotFoundException absent) {
            Iterator<InJvmMachines> it = ServiceLoader.load(InJvmMachines.class, loader).iterator();
            return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(OWN_ADAPTER + " cannot be made: " + e, e);
        }
    }
}
