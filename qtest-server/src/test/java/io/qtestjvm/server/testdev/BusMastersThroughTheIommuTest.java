package io.qtestjvm.server.testdev;

import io.qtestjvm.pci.DmaTranslator;
import io.qtestjvm.server.InJvmServer;
import io.qtestjvm.server.board.VirtBoard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The existing bus masters go through the root bus's IOMMU hook too: edu's DMA engine on virt, with a fake
 * translator that moves IOVA 0 to the start of RAM and records what it is asked. [jvm] only (it installs the
 * translator inside the machine).
 */
class BusMastersThroughTheIommuTest {
    private static final long CONFIG = 0x40_1000_0000L + (8 << 12);
    private static final long BAR = 0x1000_0000L;
    private static final long RAM = 0x4000_0000L;

    @Test
    void eduDmaIsTranslatedWithItsRequesterId() {
        try (InJvmServer m = InJvmServer.start("aarch64", "-machine", "virt", "-net", "none", "-device", "edu")) {
            m.qtest("writel 0x" + Long.toHexString(CONFIG + 0x10) + " 0x" + Long.toHexString(BAR));
            m.qtest("writew 0x" + Long.toHexString(CONFIG + 4) + " 0x6");
            List<long[]> calls = new ArrayList<>();
            ((VirtBoard) m.board()).pciBus().setDmaTranslator((rid, iova, access) -> {
                calls.add(new long[] {rid, iova, access});
                return RAM + iova;
            });
            m.qtest("writel 0x40002000 0xcafef00d");
            m.qtest("writeq 0x10000080 0x2000"); // IOVA 0x2000 into edu's buffer
            m.qtest("writeq 0x10000088 0x40000");
            m.qtest("writeq 0x10000090 4");
            m.qtest("writeq 0x10000098 1");
            m.qtest("clock_step 100000000");
            m.qtest("writeq 0x10000080 0x40000"); // and back out to IOVA 0x1000
            m.qtest("writeq 0x10000088 0x1000");
            m.qtest("writeq 0x10000098 3");
            m.qtest("clock_step 100000000");
            assertEquals("OK 0x00000000cafef00d\n", m.qtest("readl 0x40001000"));
            assertEquals(2, calls.size());
            assertEquals(8, calls.get(0)[0], "requester id 00:01.0");
            assertEquals(0x2000, calls.get(0)[1]);
            assertEquals(DmaTranslator.READ, calls.get(0)[2]);
            assertEquals(0x1000, calls.get(1)[1]);
            assertEquals(DmaTranslator.WRITE, calls.get(1)[2]);
            assertEquals(0, m.internalErrors());
        }
    }
}
