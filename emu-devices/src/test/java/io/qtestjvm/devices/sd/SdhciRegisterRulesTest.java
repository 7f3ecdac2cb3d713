package io.qtestjvm.devices.sd;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Register rules of the SD Host Controller Simplified Specification 3.00 §2.2 the other suites leave implicit, and
 * the places where QEMU 7.2 departs from them (see the {@link Sdhci} class comment); the departures marked
 * "[qemu]" are also checked against Debian's QEMU by qos-client's {@code SdhciQemuFactsTest}.
 */
class SdhciRegisterRulesTest {
    private static final int R48 = 0x1a;
    private static final int DATA = 0x20;
    private static final int TRN_READ = 0x10;
    private SdhciBench b;

    @BeforeEach
    void setUp() {
        b = SdhciBench.genericDefaults();
        b.slot.attach(new FakeCard(64));
        b.powerUp();
        b.clearStatus();
    }

    @Test
    void combinedSoftwareResetBitsResetNothing() { // [qemu]
        b.command(13, 0, R48);
        assertEquals(0x0001, b.readw(0x30));
        b.writeb(0x2f, 0x06);
        assertEquals(0x0001, b.readw(0x30));
        b.writeb(0x2f, 0x02);
        assertEquals(0, b.readw(0x30));
    }

    @Test
    void softwareResetBitsReadAsZero() {
        b.writeb(0x2f, 0x02);
        assertEquals(0, b.read(0x2f, 1));
        assertEquals(0x0007, b.readl(0x2c)); // the clocks written with the reset stay
    }

    @Test
    void commandLineResetClearsStatusButLeavesTheInterruptLine() {
        b.command(13, 0, R48);
        assertEquals(1, b.irqLevel);
        b.writeb(0x2f, 0x02);
        assertEquals(0, b.readw(0x30));
        assertEquals(1, b.irqLevel);
        assertEquals(0, b.readl(0xfc) & 1); // the slot status is computed on read
        b.writel(0x38, 0xffff_ffffL);       // the next line update lowers it
        assertEquals(0, b.irqLevel);
    }

    @Test
    void datLineResetEndsAPioTransfer() {
        b.writew(0x04, 512);
        b.writew(0x0c, TRN_READ);
        b.command(17, 0, R48 | DATA);
        assertEquals(0x0a02, b.readl(0x24) & 0xffff);
        b.writeb(0x2f, 0x04);
        assertEquals(0, b.readl(0x24) & 0xffff);
        assertEquals(0x0001, b.readw(0x30)); // buffer read ready cleared, command complete kept
    }

    @Test
    void autoCmd23IsNotWritable() { // [qemu]
        b.writew(0x0c, 0x0008 | TRN_READ);
        assertEquals(TRN_READ, b.readw(0x0c));
    }

    @Test
    void blockRegistersAreLockedDuringATransferAndTransferModeBitsCanOnlyBeSet() { // [qemu]
        b.writew(0x04, 512);
        b.writew(0x06, 1);
        b.writew(0x0c, TRN_READ);
        b.command(17, 0, R48 | DATA);
        b.writew(0x0c, 0x0020);
        b.writew(0x04, 0x0100);
        b.writew(0x06, 9);
        assertEquals(0x0030, b.readw(0x0c));
        assertEquals(512, b.readw(0x04));
        assertEquals(1, b.readw(0x06));
    }

    @Test
    void forceEventForAutoCmdErrorSetsAutoCmdErrorWithoutItsEnable() { // [qemu]
        b.writew(0x36, 0x0000);
        b.writew(0x50, 0x0001);
        assertEquals(0x0001, b.readw(0x3c));
        assertEquals(0x0100, b.readw(0x32));
        assertEquals(0x8000, b.readw(0x30));
    }

    @Test
    void forceEventForErrorsFollowsTheStatusEnable() {
        b.writew(0x36, 0x0010);
        b.writew(0x52, 0x0011);
        assertEquals(0x0010, b.readw(0x32));
    }

    @Test
    void blockGapControlKeepsOnlyTheStopRequest() { // [qemu]
        b.writeb(0x2a, 0x0f);
        assertEquals(0x01, b.read(0x2a, 1));
        b.writeb(0x2a, 0x0e);
        assertEquals(0, b.read(0x2a, 1));
    }

    @Test
    void statusEnableClearedHidesStatusAndErrorSummary() {
        b.command(63, 0, R48); // no answer: command timeout
        assertEquals(0x8001, b.readw(0x30));
        b.writew(0x36, 0x0000);
        assertEquals(0x0001, b.readw(0x30));
        assertEquals(0, b.readw(0x32));
    }

    @Test
    void writingErrorInterruptItselfClearsNothing() {
        b.command(63, 0, R48);
        b.writew(0x30, 0x8000);
        assertEquals(0x8000, b.readw(0x30) & 0x8000);
        assertEquals(0x0001, b.readw(0x32));
    }

    @Test
    void wakeupOnInsertionSignalsTheSlotWithoutSignalEnable() {
        SdhciBench w = SdhciBench.genericDefaults();
        w.writew(0x34, 0x0040);
        w.writeb(0x2b, 0x02);
        w.slot.attach(new FakeCard(8));
        assertEquals(1, w.irqLevel);
        assertEquals(0x24010001L, w.readl(0xfc));
    }

    @Test
    void r2ResponseFillsOneHundredTwentyBits() {
        b.command(2, 0, 0x09);
        assertEquals(0, b.read(0x1f, 1));
        assertEquals(0xa0, b.read(0x1e, 1));
        assertEquals(0xae, b.read(0x10, 1));
    }

    @Test
    void commandWithoutResponseTypeLeavesTheResponseRegisters() {
        b.command(13, 0, R48);
        long r1 = b.readl(0x10);
        b.command(0, 0, 0x00);
        assertEquals(r1, b.readl(0x10));
        assertEquals(0x0001, b.readw(0x30) & 0x8001);
    }

    @Test
    void datLineResetLeavesAPendingAdmaRoundArmed() {
        for (int i = 0; i < 12; i++) {
            long at = 0x8000 + 8L * i;
            b.memory.store(at, 2, i == 11 ? 0x23 : 0x21, false);
            b.memory.store(at + 2, 2, 512, false);
            b.memory.store(at + 4, 4, 0x20_0000L + 512L * i, false);
        }
        b.write(0x28, 0x10, 1);
        b.writel(0x58, 0x8000);
        b.writew(0x04, 512);
        b.writew(0x06, 12);
        b.writew(0x0c, 0x01 | 0x02 | TRN_READ | 0x20);
        b.command(18, 0, R48 | DATA);
        assertEquals(7, b.readw(0x06));
        b.writeb(0x2f, 0x04);
        assertNotEquals(-1, b.clock.nextDeadline());
        b.warp(100);
        assertEquals(2, b.readw(0x06));
    }

    @Test
    void resetAllStopsThePendingAdmaRound() {
        b.memory.store(0x8000, 2, 0x31, false);
        b.memory.store(0x8004, 4, 0x8000, false);
        b.write(0x28, 0x10, 1);
        b.writel(0x58, 0x8000);
        b.writew(0x04, 512);
        b.writew(0x06, 1);
        b.writew(0x0c, 0x01 | 0x02 | TRN_READ);
        b.command(17, 0, R48 | DATA);
        assertNotEquals(-1, b.clock.nextDeadline());
        b.writeb(0x2f, 0x01);
        assertEquals(-1, b.clock.nextDeadline());
    }

    @Test
    void raspberryPiPendingInsertAppearsEvenWithoutACard() {
        SdhciBench r = SdhciBench.raspi2b();
        r.generic.reset();
        assertEquals(0x01fa0000L, r.readl(0x24));
        r.writew(0x34, 0x0041);
        assertEquals(0x40, r.readw(0x30));
    }
}
