package io.qtestjvm.qos.conformance;

import io.qtestjvm.qos.backend.Backend;
import io.qtestjvm.qos.libqtest.QTestState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * raspi2b's USB controller window at 0x3f980000 (the DWC2 OTG core's registers) as Debian's QEMU 7.2 shows it
 * through qtest (issue 10 item 5): the reset values, the write rules, narrow and wide accesses, the device-mode
 * registers and the FIFO window that read 0, and a system reset that restores the reset values. All backends.
 */
class Raspi2bUsbRegistersTest {
    private static final long BASE = 0x3f98_0000L;

    /** Every word of the register window that reads non-zero after reset (the rest read 0). */
    private static final Map<Integer, Integer> RESET = Map.ofEntries(
            Map.entry(0x000, 0x000d_0000), Map.entry(0x00c, 0x0000_1400), Map.entry(0x010, 0x8000_0000),
            Map.entry(0x014, 0x1400_0021), Map.entry(0x024, 0x0000_0400), Map.entry(0x028, 0x0400_0000),
            Map.entry(0x02c, 0x0004_0400), Map.entry(0x030, 0x1100_0000), Map.entry(0x040, 0x4f54_294a),
            Map.entry(0x048, 0x250d_c016), Map.entry(0x04c, 0x1000_0044), Map.entry(0x058, 0x0000_0010),
            Map.entry(0x100, 0x01f4_0000), Map.entry(0x400, 0x0000_0200), Map.entry(0x404, 0x0000_ea60),
            Map.entry(0x408, 0x2edf_3fff), Map.entry(0x410, 0x0010_8000), Map.entry(0x440, 0x0000_1000));

    private static QTestState start(Backend backend) {
        return new QTestState(backend.start("arm", "-machine raspi2b", "7.2"));
    }

    private static Map<Integer, Integer> nonZeroWords(QTestState qts) {
        Map<Integer, Integer> out = new TreeMap<>();
        for (int off = 0; off < 0x1000; off += 4) {
            int v = qts.readl(BASE + off);
            if (v != 0) {
                out.put(off, v);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void registersReadTheirResetValues(Backend backend) {
        QTestState qts = start(backend);
        try {
            assertEquals(new TreeMap<>(RESET), nonZeroWords(qts));
            assertEquals(0, qts.readl(BASE + 0x1000), "FIFO window");
            assertEquals(0x4a, qts.readb(BASE + 0x43), "narrow reads return the low bytes of the word");
            assertEquals(0x294a, qts.readw(BASE + 0x42));
            assertEquals(0x4f54_294aL, qts.readq(BASE + 0x40), "an 8-byte read is two word reads");
        } finally {
            assertEquals(0, qts.quit());
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(Backend.class)
    void writesFollowEachRegistersRule(Backend backend) {
        QTestState qts = start(backend);
        try {
            qts.writel(BASE + 0x440, 0);
            assertEquals(0, qts.readl(BASE + 0x440), "HPRT0 from reset: port power off");
            qts.writel(BASE + 0x440, 1);
            qts.writel(BASE + 0x440, 0);
            assertEquals(1, qts.readl(BASE + 0x440), "HPRT0 connect status stays once written");
            int[][] allOnes = {
                {0x000, 0xf83d_fefe}, {0x008, 0xffff_ffff}, {0x010, 0xbfff_ffc0}, {0x014, 0x0400_0021},
                {0x040, 0xffff_ffff}, {0x100, 0xffff_ffff}, {0x104, 0}, {0x408, 0x2edf_3fff}, {0x410, 0x0010_8000},
                {0x418, 0x0000_ffff}, {0x440, 0xffff_ffd1}, {0x500, 0x3fff_ffff}, {0x508, 0},
                {0x50c, 0x0000_3fff}, {0x510, 0xffff_ffff}, {0x51c, 0}, {0x5e0, 0x3fff_ffff}, {0x600, 0},
                {0x800, 0}, {0x900, 0}, {0xe00, 0xffff_ffff}, {0xe08, 0}};
            for (int[] w : allOnes) {
                qts.writel(BASE + w[0], 0xffff_ffff);
                assertEquals(w[1], qts.readl(BASE + w[0]), String.format("0x%03x after writing all ones", w[0]));
            }
            qts.writel(BASE + 0x000, 0);
            assertEquals(0x000d_0000, qts.readl(BASE), "GOTGCTL status bits stay");
            qts.writel(BASE + 0x010, 0);
            assertEquals(0x8000_0000, qts.readl(BASE + 0x010), "GRSTCTL AHB idle");
            qts.writel(BASE + 0x440, 0);
            assertEquals(0x0006_0cd1, qts.readl(BASE + 0x440), "HPRT0: port power off, status bits stay");
            qts.writeb(BASE + 0x008, 0x01);
            assertEquals(0x01, qts.readl(BASE + 0x008), "a byte write stores the zero-extended value");
            qts.writel(BASE + 0x1000, 0x77);
            assertEquals(0, qts.readl(BASE + 0x1000));

            qts.qmp("{\"execute\": \"system_reset\"}");
            qts.eventWait("RESET");
            assertEquals(new TreeMap<>(RESET), nonZeroWords(qts));
        } finally {
            assertEquals(0, qts.quit());
        }
    }
}
