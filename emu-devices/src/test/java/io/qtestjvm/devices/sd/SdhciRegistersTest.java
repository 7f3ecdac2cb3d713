package io.qtestjvm.devices.sd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * QEMU's tests/qtest/sdhci-test.c checks for both flavours, accessed as qtest does, and the register semantics
 * of QEMU 7.2 hw/sd/sdhci.c; expected values from qemu-7.2-transcripts/arm-raspi2b.txt and x86_64-pc.txt.
 */
class SdhciRegistersTest {
    /** bench, spec version, capabilities, SDMA bit, base clock (0 = not checked). */
    static Stream<Arguments> flavours() {
        return Stream.of(
                Arguments.of(SdhciBench.raspi2b(), 3, 0x052134b4L, false, 52),
                Arguments.of(SdhciBench.pci(), 2, 0x057834b4L, true, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void sdhciTestRegisterChecksPass(SdhciBench b, int version, long capab, boolean sdma, int baseClock) {
        // spec version: HCVER & 0xff, plus one
        assertEquals(version, (b.readw(0xfe) & 0xff) + 1);
        assertEquals(0x2400 | (version - 1), b.readw(0xfe));
        // capabilities read with readq (generic) / read 8 bytes (pci)
        assertEquals(capab, b.read(0x40, 8));
        // read-only
        b.write(0x40, 0x0123456789abcdefL, 8);
        assertEquals(capab, b.read(0x40, 8));
        if (version < 3) {
            assertEquals(0, (capab >>> 32) & 0x77);
        }
        assertEquals(sdma, ((b.read(0x40, 8) >>> 22) & 1) != 0);
        if (baseClock != 0) {
            assertEquals(baseClock, (b.read(0x40, 8) >>> 8) & 0xff);
        }
    }

    @Test
    void raspi2bTranscriptRegistersMatch() {
        SdhciBench b = SdhciBench.raspi2b();
        assertEquals(0x2402, b.readw(0xfe));
        assertEquals(0x052134b4L, b.read(0x40, 8));
        assertEquals(0x052134b4L, b.readl(0x40));
        assertEquals(0, b.readl(0x44));
        assertEquals(0x01fa0000L, b.readl(0x24)); // no card: lines high, write-enabled, stable, not inserted
        assertEquals(2, b.read(0xfe, 1));
        assertEquals(0x24020000L, b.readl(0xfc));
        b.writeb(0x2f, 0x01);
        assertEquals(0, b.read(0x2f, 1));
    }

    @Test
    void pciFunctionHasQemuIdentity() {
        SdhciBench b = SdhciBench.pci();
        assertEquals(0x00071b36L, b.pciDev.configRead(0, 4));
        assertEquals(0x08050100L, b.pciDev.configRead(0x08, 4));
        assertEquals(1, b.pciDev.configByte(0x3d));
        assertEquals(256, b.pciDev.barSize(0));
    }

    @Test
    void cardInsertionSetsPresentStateAndInsertInterrupt() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.powerUp();
        b.slot.attach(new FakeCard(8));
        assertEquals(0x01ff0000L, b.readl(0x24));
        assertEquals(0x40, b.readw(0x30));
        assertEquals(1, b.irqLevel);
        b.writew(0x30, 0x40); // write 1 to clear
        assertEquals(0, b.readw(0x30));
        assertEquals(0, b.irqLevel);
    }

    @Test
    void reinsertionAfterRemovalWaitsOneSecondOfVirtualTime() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.powerUp();
        b.slot.attach(new FakeCard(8));
        b.clearStatus();
        b.slot.attach(null);
        assertEquals(0x01fa0000L, b.readl(0x24));
        assertEquals(0x80, b.readw(0x30));
        b.slot.attach(new FakeCard(8)); // removal still flagged: insertion is delayed
        assertEquals(0x80, b.readw(0x30));
        b.warp(999_999_999L);
        assertEquals(0x80, b.readw(0x30));
        b.writew(0x30, 0x80);
        b.warp(1);
        assertEquals(0x40, b.readw(0x30));
        assertEquals(0x01ff0000L, b.readl(0x24));
    }

    @Test
    void raspberryPiPendingInsertAppearsWhenInsertInterruptIsFirstEnabled() {
        SdhciBench b = SdhciBench.raspi2b();
        b.slot.attach(new FakeCard(8)); // card present before the guest enables anything
        b.generic.reset();
        assertEquals(0, b.readw(0x30));
        b.writew(0x34, 0x0001);
        assertEquals(0, b.readw(0x30));
        b.writew(0x34, 0x0041);
        assertEquals(0x40, b.readw(0x30));
        b.writew(0x30, 0x40);
        b.writew(0x34, 0x0000);
        b.writew(0x34, 0x0041); // only once after power-on
        assertEquals(0, b.readw(0x30));
    }

    @Test
    void withoutQuirkEnablingInsertAfterResetRaisesNothing() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.slot.attach(new FakeCard(8));
        b.generic.reset();
        b.writew(0x34, 0x0041);
        assertEquals(0, b.readw(0x30));
    }

    @Test
    void clockEnableReportsInternalClockStable() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.writew(0x2c, 0x0001);
        assertEquals(0x0003, b.readw(0x2c));
        b.writew(0x2c, 0x0004);
        assertEquals(0x0004, b.readw(0x2c));
    }

    @Test
    void powerStaysOffWithoutCardOrUnsupportedVoltage() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.write(0x29, 0x0f, 1); // 3.3 V, power on, no card
        assertEquals(0x0e, b.read(0x29, 1));
        b.slot.attach(new FakeCard(8));
        b.write(0x29, 0x0f, 1);
        assertEquals(0x0f, b.read(0x29, 1));
        b.write(0x29, 0x0d, 1); // 3.0 V is not in the default capabilities
        assertEquals(0x0c, b.read(0x29, 1));
    }

    @Test
    void blockSizeKeepsBoundaryBitsAndIsLimitedToFifo() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.writel(0x04, 0x0003_ffffL);
        assertEquals(0x7200, b.readw(0x04)); // bit 15 dropped, size limited to 512
        assertEquals(3, b.readw(0x06));
    }

    @Test
    void errorStatusWriteOneToClearFollowsSummaryBit() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.powerUp();
        b.writew(0x52, 0x0001); // force command timeout error
        assertEquals(0x8000, b.readw(0x30));
        assertEquals(0x0001, b.readw(0x32));
        assertEquals(1, b.irqLevel);
        b.writew(0x32, 0x0001);
        assertEquals(0, b.readw(0x30));
        assertEquals(0, b.irqLevel);
    }

    @Test
    void disablingStatusEnableClearsStatus() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.powerUp();
        b.slot.attach(new FakeCard(8));
        assertEquals(0x40, b.readw(0x30));
        b.writew(0x34, 0x0000);
        assertEquals(0, b.readw(0x30));
        assertEquals(0, b.irqLevel);
    }

    @Test
    void signalEnableGatesTheLineAndSlotInterruptStatus() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.writel(0x34, 0xffff_ffffL);
        b.slot.attach(new FakeCard(8));
        assertEquals(0, b.irqLevel);
        assertEquals(0, b.readl(0xfc) & 0xff);
        b.writel(0x38, 0x40);
        assertEquals(1, b.irqLevel);
        assertEquals(0x24010001L, b.readl(0xfc));
    }

    @Test
    void resetAllClearsRegistersButKeepsCapabilities() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.slot.attach(new FakeCard(8));
        b.writel(0x08, 0x1234_5678L);
        b.writel(0x58, 0xdead_beefL);
        b.writew(0x2c, 0x0005);
        b.writeb(0x2f, 0x01);
        assertEquals(0, b.readl(0x08));
        assertEquals(0, b.readl(0x58));
        assertEquals(0, b.readw(0x2c));
        assertEquals(0x01ff0000L, b.readl(0x24));
        assertEquals(Sdhci.DEFAULT_CAPAREG, b.readl(0x40));
    }

    @Test
    void hostControl2IsWritableOnlyWithUhs() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.writew(0x3e, 0x0008);
        assertEquals(0, b.readw(0x3e));
        SdhciBench u = SdhciBench.genericDefaults();
        u.generic.setUhs(1); // a property: takes effect on the next register write
        u.writew(0x3e, 0x0008);
        assertEquals(0x0008, u.readw(0x3e));
    }

    @Test
    void maxCurrentAndAdmaAddressHalvesAreReadable() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.writel(0x58, 0x1111_2222L);
        b.writel(0x5c, 0x3333_4444L);
        assertEquals(0x1111_2222L, b.readl(0x58));
        assertEquals(0x3333_4444L, b.readl(0x5c));
        assertEquals(0, b.readl(0x48));
        b.writel(0x48, 0xffff_ffffL);
        assertEquals(0, b.readl(0x48));
    }

    @Test
    void realizeRefusesUnsupportedProperties() {
        assertThrows(IllegalArgumentException.class, () -> SdhciBench.generic("v1", 1, Sdhci.DEFAULT_CAPAREG, false));
        assertThrows(IllegalArgumentException.class, () -> SdhciBench.generic("blk", 2, 0x3_0000L, false));
        assertThrows(IllegalArgumentException.class, () -> SdhciBench.generic("clk", 2, 0x0500L, false));
    }

    @Test
    void unimplementedRegistersReadZeroAndIgnoreWrites() {
        SdhciBench b = SdhciBench.genericDefaults();
        b.writel(0x60, 0xffff_ffffL);
        assertEquals(0, b.readl(0x60));
        assertNotEquals(0, b.readw(0xfe));
    }
}
