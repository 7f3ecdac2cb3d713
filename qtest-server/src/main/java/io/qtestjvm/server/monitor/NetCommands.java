package io.qtestjvm.server.monitor;

import io.qtestjvm.server.board.Board;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpError;
import io.qtestjvm.server.qmp.QmpErrorClass;

import java.util.List;

/**
 * The network commands (qapi/net.json): {@code set_link} (a NIC by device id or {@code MODEL.N}, or a back end by
 * id; an unknown name is DeviceNotFound "Device 'X' not found") and {@code announce-self} (AnnounceParameters in
 * QAPI's member order: initial, max, rounds, step, interfaces, id; unknown interface names are ignored and negative
 * values accepted, as Debian's QEMU 7.2 answers them). Behaviour lives in the board's network layer.
 */
final class NetCommands {
    private NetCommands() {
    }

    static void register(QmpCommandRegistry registry, Board board) {
        registry.register("set_link", (args, s) -> {
            String name = args.requiredString("name");
            boolean up = args.requiredBool("up");
            args.end();
            if (!board.net().setLink(name, up)) {
                throw new QmpError(QmpErrorClass.DeviceNotFound, "Device '" + name + "' not found");
            }
            return null;
        });
        registry.register("announce-self", (args, s) -> {
            long initial = args.requiredInt("initial");
            long max = args.requiredInt("max");
            long rounds = args.requiredInt("rounds");
            long step = args.requiredInt("step");
            List<String> interfaces = args.optionalStringList("interfaces");
            String id = args.optionalString("id");
            args.end();
            board.net().announce(initial, max, rounds, step, interfaces, id);
            return null;
        });
    }
}
