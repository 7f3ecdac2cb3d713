package io.qtestjvm.server.board;

import io.qtestjvm.server.InJvmServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** -fw_cfg files that clash with the board's own or overflow the directory are refused at start-up. */
class FwCfgUserFilesTest {
    @Test
    void aNameTheBoardAlreadyUsesIsADuplicate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InJvmServer.startAs("7.2",
                "x86_64", "-machine", "pc", "-fw_cfg", "name=etc/boot-fail-wait,string=x"));
        assertEquals("-fw_cfg name=etc/boot-fail-wait,string=x: duplicate fw_cfg file name: etc/boot-fail-wait",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> InJvmServer.startAs("7.2", "x86_64", "-machine", "pc",
                "-fw_cfg", "name=opt/a,string=x", "-fw_cfg", "name=opt/a,string=y"));
        assertEquals("-fw_cfg name=opt/a,string=y: duplicate fw_cfg file name: opt/a", e.getMessage());
    }

    @Test
    void moreFilesThanSlotsAreRefusedInsteadOfAborting() {
        List<String> args = new ArrayList<>(List.of("-machine", "pc"));
        for (int i = 0; i < 40; i++) {
            args.add("-fw_cfg");
            args.add("name=opt/f" + i + ",string=x");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InJvmServer.startAs("7.2", "x86_64", args.toArray(String[]::new)));
        assertEquals(true, e.getMessage().endsWith("no free fw_cfg file slot (32 slots)"), e.getMessage());
    }
}
