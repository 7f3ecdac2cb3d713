package io.qtestjvm.server.qmp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Command name to handler, with the per-command options that change dispatch (allowed out of band, allowed
 * during capabilities negotiation). Adding a command is one {@link #register} call with a lambda or a small class.
 */
public final class QmpCommandRegistry {
    /**
     * A registered command; {@code allowOob}: may run with {@code exec-oob}; {@code inNegotiation}: usable before
     * capabilities negotiation (only qmp_capabilities in QEMU); {@code allowPreconfig}: usable while the machine
     * waits in the {@code --preconfig} phase (the schema's 'allow-preconfig').
     */
    public record Entry(String name, QmpCommand command, boolean allowOob, boolean inNegotiation,
                        boolean allowPreconfig) {
    }

    private final Map<String, Entry> commands = new LinkedHashMap<>();

    public QmpCommandRegistry register(String name, QmpCommand command) {
        return add(new Entry(name, command, false, false, false));
    }

    /** A command the schema marks 'allow-preconfig'. */
    public QmpCommandRegistry registerPreconfig(String name, QmpCommand command) {
        return add(new Entry(name, command, false, false, true));
    }

    /** A command the schema marks 'allow-oob'. */
    public QmpCommandRegistry registerOob(String name, QmpCommand command) {
        return add(new Entry(name, command, true, false, false));
    }

    public QmpCommandRegistry register(String name, QmpCommand command, boolean allowOob, boolean inNegotiation,
                                       boolean allowPreconfig) {
        return add(new Entry(name, command, allowOob, inNegotiation, allowPreconfig));
    }

    private QmpCommandRegistry add(Entry e) {
        Objects.requireNonNull(e.name(), "name");
        Objects.requireNonNull(e.command(), "command");
        if (commands.putIfAbsent(e.name(), e) != null) {
            throw new IllegalArgumentException("QMP command '" + e.name() + "' is already registered");
        }
        return this;
    }

    /** The command usable in the given mode, or null (the negotiation list until capabilities are negotiated). */
    public Entry find(String name, boolean commandMode) {
        Entry e = commands.get(name);
        if (e == null || (!commandMode && !e.inNegotiation())) {
            return null;
        }
        return e;
    }

    /** The commands of command mode, in registration order (what {@code query-commands} lists). */
    public java.util.Collection<Entry> entries() {
        return Collections.unmodifiableCollection(commands.values());
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(commands.keySet());
    }
}
