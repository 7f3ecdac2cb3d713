package io.qtestjvm.server.board;

import io.qtestjvm.server.qtest.Compat;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a machine gets the QOM types of its binary ({@link QomTypes} of an arch under a compat version), which never
 * change once built. A process makes one machine and builds them for it ({@link #perMachine()}); a JVM that makes
 * many machines, one after another or several at once, builds the types of each arch and compat version once and
 * shares them ({@link #shared()}): pc's types, its x86 CPU models among them, take ~0.3 ms to build warm and several
 * milliseconds cold, which an in-JVM graph run otherwise repeats for each of its ~170 machines (docs/performance.md,
 * seventh round). Nothing in a {@link QomTypes} is written after {@link QomTypes#forArch} returns, so machines on
 * several threads may read the same one.
 */
public final class TypeCatalogs {
    private record Key(String arch, Compat compat) {
    }

    /** Null when every machine builds its own. */
    private final ConcurrentHashMap<Key, QomTypes> built;

    private TypeCatalogs(boolean share) {
        this.built = share ? new ConcurrentHashMap<>() : null;
    }

    /** The types built anew for each machine: for a process that makes one. */
    public static TypeCatalogs perMachine() {
        return new TypeCatalogs(false);
    }

    /** Types built once per arch and compat version, for every machine made with this instance (thread-safe). */
    public static TypeCatalogs shared() {
        return new TypeCatalogs(true);
    }

    /** The types of {@code qemu-system-<arch>} under {@code compat}. */
    public QomTypes of(String arch, Compat compat) {
        if (built == null) {
            return QomTypes.forArch(arch, compat);
        }
        return built.computeIfAbsent(new Key(arch, compat), k -> QomTypes.forArch(k.arch(), k.compat()));
    }
}
