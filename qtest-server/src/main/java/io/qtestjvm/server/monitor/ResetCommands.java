package io.qtestjvm.server.monitor;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qmp.QmpCommandRegistry;

/**
 * {@code system_reset} (QAPI schema: qapi/run-state.json): every device back to its
 * power-on state, RAM kept, then {@code RESET} with {@code {"guest": false, "reason": "host-qmp-system-reset"}}.
 * QEMU 7.2 writes that event before the command's {@code {"return": {}}} (checked with Debian's 7.2 on a unix socket
 * monitor and on stdio), so the reset runs inside the command here. Work the reset leaves to the main loop (the
 * DEVICE_DELETED of a pending ACPI eject) follows the reply, as QEMU's RCU-deferred finalization does.
 */
final class ResetCommands {
    static final String HOST_QMP_SYSTEM_RESET = "host-qmp-system-reset";

    private ResetCommands() {
    }

    static void register(QmpCommandRegistry registry, Board board) {
        registry.register("system_reset", (args, session) -> {
            args.end();
            board.systemReset(false, HOST_QMP_SYSTEM_RESET);
            session.monitor().host().runState().reset();
            return null;
        });
    }
}
