package io.qtestjvm.server.monitor;

import io.qtestjvm.server.qmp.JsonArray;
import io.qtestjvm.server.qmp.QmpArgs;
import io.qtestjvm.server.qmp.QmpCommandRegistry;
import io.qtestjvm.server.qmp.QmpError;
import io.qtestjvm.server.qmp.QmpSchema;

import java.util.List;
import java.util.Map;

import static io.qtestjvm.server.qmp.QmpSchema.Member.optional;
import static io.qtestjvm.server.qmp.QmpSchema.Member.required;

/**
 * QMP {@code transaction} (qapi/transaction.json): a list of actions that take effect together or not at all. The
 * arguments are checked whole before any action runs, with the texts of QEMU 7.2's visitor (observed on Debian's
 * QEMU; the discriminator's bad value is reported as plain {@code 'type'}, without the list path). Requests reach
 * the image inside the notify here, so there is no in-flight I/O to drain first.
 *
 * <p>Of the actions only {@code abort} is modelled (it fails the transaction with QEMU's text); the others need
 * dirty bitmaps, backups or snapshot formats this stand-in does not have and are refused by name.
 */
final class TransactionCommand {
    static final List<String> ACTIONS = List.of("abort", "block-dirty-bitmap-add", "block-dirty-bitmap-remove",
            "block-dirty-bitmap-clear", "block-dirty-bitmap-enable", "block-dirty-bitmap-disable",
            "block-dirty-bitmap-merge", "blockdev-backup", "blockdev-snapshot", "blockdev-snapshot-internal-sync",
            "blockdev-snapshot-sync", "drive-backup");
    static final List<String> COMPLETION_MODES = List.of("individual", "grouped");

    private TransactionCommand() {
    }

    static void register(QmpCommandRegistry registry, Runnable drainBlockIo) {
        registry.register("transaction", (args, session) -> {
            drainBlockIo.run(); // QEMU drains every drive before the actions (bdrv_drain_all_begin)
            JsonArray actions = args.requiredList("actions");
            String[] types = new String[actions.size()];
            for (int i = 0; i < actions.size(); i++) {
                QmpArgs a = QmpArgs.element(actions.get(i), "actions[" + i + "]");
                String type = a.requiredString("type");
                if (!ACTIONS.contains(type)) {
                    throw QmpError.generic("Parameter 'type' does not accept value '" + type + "'");
                }
                QmpArgs data = a.requiredObject("data");
                if (type.equals("abort")) {
                    data.end();
                }
                a.end();
                types[i] = type;
            }
            QmpArgs props = args.optionalObject("properties");
            if (props != null) {
                props.optionalEnum("completion-mode", COMPLETION_MODES);
                props.end();
            }
            args.end();
            for (String type : types) {
                if (type.equals("abort")) {
                    throw QmpError.generic("Transaction aborted using Abort action");
                }
            }
            if (types.length > 0) {
                throw QmpError.generic("transaction action '" + types[0] + "' is not supported by qtest-jvm");
            }
            return null;
        });
    }

    /** The schema: TransactionAction as a union on {@code type}, each variant a {@code data} wrapper. */
    static void schema(QmpSchema s, Map<String, String[]> cmd, String empty) {
        String kind = s.enumeration(ACTIONS);
        String abortWrapper = s.object(List.of(required("data", empty)));
        String action = s.union(List.of(required("type", kind)), "type", Map.of("abort", abortWrapper));
        String props = s.object(List.of(optional("completion-mode", s.enumeration(COMPLETION_MODES))));
        cmd.put("transaction", new String[] {s.object(List.of(required("actions", s.array(action)),
                optional("properties", props))), empty});
    }
}
