package io.qtestjvm.server.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.smmuv3.Translator;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import org.junit.jupiter.api.Test;

class Smmuv3DeviceTest {
    @Test
    void machineVersionsBefore92GetThe72ModelAndLaterOnesNesting() {
        assertSame(SmmuModel.QEMU_7_2, VirtBoard.smmuModel("virt-7.2"));
        assertSame(SmmuModel.QEMU_7_2, VirtBoard.smmuModel("virt-2.6"));
        assertSame(SmmuModel.QEMU_7_2, VirtBoard.smmuModel("virt-9.1"));
        assertSame(SmmuModel.QEMU_NESTED, VirtBoard.smmuModel("virt-9.2"));
        assertSame(SmmuModel.QEMU_NESTED, VirtBoard.smmuModel("virt-10.2"));
    }

    @Test
    void idr0OfVirt72AndVirt102DifferInStage2() throws StartupException {
        VirtMachine m72 = VirtMachine.start("aarch64", "iommu=smmuv3", "");
        assertEquals("OK 0x000000000d40101a\n", m72.qtest("readl 0x09050000"));
        VirtMachine m102 = VirtMachine.start("10.2", "aarch64", "iommu=smmuv3", "");
        assertEquals("OK 0x000000000d44101b\n", m102.qtest("readl 0x09050000"));
    }

    @Test
    void withoutIommuTheWindowIsUnassigned() throws StartupException {
        VirtMachine m = VirtMachine.start("aarch64", "", "");
        assertNull(m.board.smmu());
        assertEquals("OK 0x0000000000000000\n", m.qtest("readl 0x09050000"));
    }

    @Test
    void page1AliasesPage0AndByteAccessesAreDecodeErrors() throws StartupException {
        VirtMachine m = VirtMachine.start("aarch64", "iommu=smmuv3", "");
        m.qtest("writel 0x09050020 0x1");
        assertEquals("OK 0x0000000000000001\n", m.qtest("readl 0x09060024"));
        assertEquals("OK 0x0000000000000000\n", m.qtest("readb 0x09050000"));
    }

    @Test
    void gerrorPulsesSpi77AndSystemResetClearsTheRegisters() throws StartupException {
        VirtMachine m = VirtMachine.start("aarch64", "iommu=smmuv3", "");
        m.qtest("irq_intercept_in /machine/unattached/device[1]");
        // command queue of 2 entries at 0x40100000 holding an illegal opcode 0xff, then CMDQEN
        m.qtest("writeq 0x40100000 0xff");
        m.qtest("writeq 0x40100008 0x0");
        m.qtest("writeq 0x09050090 0x40100001");
        m.qtest("writel 0x09050050 0x7"); // IRQ_CTRL: all three enables
        m.qtest("writel 0x09050020 0x8"); // CR0.CMDQEN
        String got = m.qtest("writel 0x09050098 0x1"); // CMDQ_PROD = 1
        assertEquals("IRQ raise 77\nIRQ lower 77\nOK\n", got); // as Debian's QEMU 7.2 answers, with -S
        assertEquals("OK 0x0000000001000000\n", m.qtest("readl 0x0905009c")); // CMDQ_CONS.ERR = CERROR_ILL
        assertEquals("OK 0x0000000000000001\n", m.qtest("readl 0x09050060")); // GERROR.CMDQ_ERR
        m.board.reset();
        assertEquals("OK 0x0000000000000000\n", m.qtest("readl 0x09050060"));
        assertEquals("OK 0x0000000000000000\n", m.qtest("readl 0x09050020"));
    }

    @Test
    void translateAbortsWhileTheSmmuIsDisabledWithGbpaAbort() throws StartupException {
        // GBPA exists in newer QEMUs (8.0 on) on every machine version; QEMU 7.2's SMMU has none (next test)
        VirtMachine m = VirtMachine.start("10.2", "aarch64", "iommu=smmuv3", "");
        // GBPA reset value: bypass (ABORT clear) -> identity
        assertEquals(0x4000_1000L, m.board.smmu().translate(0x10, 0x4000_1000L, false));
        m.qtest("writel 0x09050044 0x80100000"); // GBPA.UPDATE | ABORT
        assertEquals(Translator.ABORTED, m.board.smmu().translate(0x10, 0x4000_1000L, true));
    }

    @Test
    void virt72HasNoGbpaSoADisabledSmmuAlwaysBypasses() throws StartupException {
        VirtMachine m = VirtMachine.start("aarch64", "iommu=smmuv3", "");
        assertEquals("OK 0x0000000000000000\n", m.qtest("readl 0x09050044")); // as Debian's QEMU 7.2
        m.qtest("writel 0x09050044 0x80100000"); // GBPA.UPDATE | ABORT: ignored
        assertEquals("OK 0x0000000000000000\n", m.qtest("readl 0x09050044"));
        assertEquals(0x4000_1000L, m.board.smmu().translate(0x10, 0x4000_1000L, true));
    }
}
