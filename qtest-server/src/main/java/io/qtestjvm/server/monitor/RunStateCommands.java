package io.qtestjvm.server.monitor;

import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpError;
import io.qtestjvm.server.qmp.QmpSession;
import io.qtestjvm.server.qmp.VmRunState;

/**
 * The commands that move the VM between run states (qapi/run-state.json, qapi/misc.json) and their events:
 * {@code stop} (STOP), {@code cont} (RESUME), {@code x-exit-preconfig} (RESUME when the VM then runs),
 * {@code system_powerdown} (POWERDOWN), and the out-of-band {@code migrate-pause}. Events are written before the
 * command's reply, as Debian's QEMU 7.2 writes them (see {@link VmRunState} for the transitions observed there).
 *
 * <p>{@code system_powerdown} is the power button request: the POWERDOWN event (QEMU 7.2 also emits it on
 * {@code none}, a machine without a button), then the board's button ({@code Board.systemPowerdown}).
 *
 * <p>{@code migrate-pause} is allowed out of band; with no migration ever running it always fails with 7.2's
 * "migrate-pause is currently only supported during postcopy-active state".
 */
final class RunStateCommands {
    private RunStateCommands() {
    }

    static void register(QmpCommandRegistry registry, io.qtestjvm.server.board.Board board) {
        registry.register("stop", (args, s) -> {
            args.end();
            if (state(s).stop()) {
                s.monitor().emitEvent("STOP", null);
            }
            return null;
        });
        registry.register("cont", (args, s) -> {
            args.end();
            if (state(s).needsReset()) {
                throw QmpError.generic(VmRunState.RESET_REQUIRED);
            }
            if (state(s).cont()) {
                s.monitor().emitEvent("RESUME", null);
            }
            return null;
        });
        registry.registerPreconfig("x-exit-preconfig", (args, s) -> {
            args.end();
            VmRunState vm = state(s);
            if (!vm.preconfig()) {
                throw QmpError.generic("The command is permitted only before machine initialization");
            }
            if (vm.exitPreconfig()) {
                s.monitor().emitEvent("RESUME", null);
            }
            return null;
        });
        registry.register("system_powerdown", (args, s) -> {
            args.end();
            board.systemPowerdown();
            return null;
        });
        registry.registerOob("migrate-pause", (args, s) -> {
            args.end();
            throw QmpError.generic("migrate-pause is currently only supported during postcopy-active state");
        });
    }

    private static VmRunState state(QmpSession s) {
        return s.monitor().host().runState();
    }
}
