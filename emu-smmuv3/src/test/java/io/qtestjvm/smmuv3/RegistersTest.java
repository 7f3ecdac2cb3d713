package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import org.junit.jupiter.api.Test;

/** Register page values and access rules (IHI 0070 6.3) as QEMU's models present them. */
class RegistersTest {
    @Test
    void qemu72IdRegistersMatchTheTranscript() {
        // qemu-7.2-transcripts/aarch64-virt-smmuv3.txt reads these at 0x09050000.
        Smmuv3 s = new SmmuFixture(SmmuModel.QEMU_7_2).smmu;
        long[] expected = {0x0d40101aL, 0x02730010L, 0, 0x1404, 0, 0x74, 0, 1, 0, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.read(4 * i, 4), "offset 0x" + Integer.toHexString(4 * i));
        }
        assertEquals(0, s.read(Registers.IDR0, 8), "8-byte read of a 32-bit register");
        assertEquals(0x84, s.read(Registers.PIDR0, 4), "transcript: readl 0x09050fe0");
        assertEquals(0xb1, s.read(Registers.CIDR3, 4));
    }

    @Test
    void nestedModelAdvertisesStage2AndVmid16AndXnx() {
        Smmuv3 s = new SmmuFixture(SmmuModel.QEMU_NESTED).smmu;
        assertEquals(0x0d44101bL, s.read(Registers.IDR0, 4));
        assertEquals(0x1414, s.read(Registers.IDR3, 4));
        assertEquals(44, s.model().oasBits());
    }

    @Test
    void cr0IsAcknowledgedWithoutReservedBitsAndGbpaNeedsUpdate() {
        Smmuv3 s = new SmmuFixture(SmmuModel.QEMU_NESTED).smmu;
        s.write(Registers.CR0, 4, 0xffff_ffffL);
        assertEquals(0xffff_ffffL, s.read(Registers.CR0, 4));
        assertEquals(0x3df, s.read(Registers.CR0ACK, 4));
        assertEquals(0x1000, s.read(Registers.GBPA, 4));
        s.write(Registers.GBPA, 4, 0x0010_0000);
        assertEquals(0x1000, s.read(Registers.GBPA, 4));
        s.write(Registers.GBPA, 4, 0x8010_0000L);
        assertEquals(0x0010_0000, s.read(Registers.GBPA, 4));
        s.write(Registers.IRQ_CTRL, 4, 5);
        assertEquals(5, s.read(Registers.IRQ_CTRLACK, 4));
    }

    @Test
    void qemu72HasNoGbpaItReadsZeroAndIgnoresUpdates() {
        Smmuv3 s = new SmmuFixture(SmmuModel.QEMU_7_2).smmu;
        s.write(Registers.CR0, 4, 0xffff_ffffL);
        assertEquals(0x3df, s.read(Registers.CR0ACK, 4));
        assertEquals(0, s.read(Registers.GBPA, 4));
        s.write(Registers.GBPA, 4, 0x8010_0000L);
        assertEquals(0, s.read(Registers.GBPA, 4));
        s.write(Registers.CR0, 4, 0);
        assertEquals(0x4000_1000L, s.translate(1, 0x4000_1000L, io.qtestjvm.smmuv3.walk.Access.READ),
                "a disabled SMMU without GBPA bypasses");
        s.reset();
        assertEquals(0, s.read(Registers.GBPA, 4));
    }

    @Test
    void sixtyFourBitRegistersTakeBothHalvesAndWholeAccesses() {
        Smmuv3 s = new SmmuFixture(SmmuModel.QEMU_7_2).smmu;
        assertEquals(19, s.read(Registers.CMDQ_BASE, 8), "reset LOG2SIZE");
        s.write(Registers.STRTAB_BASE, 4, 0x4e17_9000L);
        s.write(Registers.STRTAB_BASE + 4, 4, 0x12);
        assertEquals(0x12_4e17_9000L, s.read(Registers.STRTAB_BASE, 8));
        assertEquals(0x12, s.read(Registers.STRTAB_BASE + 4, 4));
        s.write(Registers.EVENTQ_BASE, 8, 0x4e17_000aL);
        assertEquals(0x4e17_000aL, s.read(Registers.EVENTQ_BASE, 4));
        assertEquals(s.read(Registers.EVENTQ_PROD, 4), s.read(Registers.PAGE1 + Registers.EVENTQ_PROD, 4));
    }
}
