package io.qtestjvm.server.qmp;

/**
 * One QMP command handler (argument checks and the command itself). Read the arguments
 * through {@link QmpArgs} in schema order, call {@link QmpArgs#end()}, act, and return the 'return' value, or
 * null for a command without 'returns' (QEMU then replies {@code {}}). Fail by throwing {@link QmpError}.
 */
@FunctionalInterface
public interface QmpCommand {
    JsonValue execute(QmpArgs args, QmpSession session);
}
