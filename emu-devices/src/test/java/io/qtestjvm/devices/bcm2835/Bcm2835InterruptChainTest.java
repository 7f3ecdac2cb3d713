package io.qtestjvm.devices.bcm2835;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.devices.arm.ArmCpu;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raspi2b interrupt path as QEMU 7.2 wires it (bcm2835_peripherals.c, bcm2836.c): system timer compare n ->
 * bcm2835-ic GPU IRQ n -> bcm2836-control gpu-irq -> core (GPU route) IRQ input. Values follow
 * hw/timer/bcm2835_systmr.c, hw/intc/bcm2835_ic.c and hw/intc/bcm2836_control.c.
 */
class Bcm2835InterruptChainTest {
    private static final long ST = 0x3000;
    private static final long IC = 0xb200;
    private static final long CTRL = 0x1000_0000L;

    private final Clock clock = Clock.virtual();
    private final Bcm2835SystemTimer timer = new Bcm2835SystemTimer(clock);
    private final Bcm2835Ic ic = new Bcm2835Ic();
    private final Bcm2836Control control = new Bcm2836Control(clock);
    private final ArmCpu[] cpus = new ArmCpu[4];
    private final List<String> cpu0Changes = new ArrayList<>();
    private AddressSpace as;

    @BeforeEach
    void wire() {
        MemoryRegion root = MemoryRegion.containerOfWholeSpace("system");
        root.addSubregion(ST, timer.mmio());
        root.addSubregion(IC, ic.mmio());
        root.addSubregion(CTRL, control.mmio());
        as = AddressSpace.memory("memory", root, false);
        for (int n = 0; n < 4; n++) {
            cpus[n] = new ArmCpu("cortex-a7");
            control.gpioOut("irq", n).connect(cpus[n].gpioIn(Device.UNNAMED, ArmCpu.IRQ));
            control.gpioOut("fiq", n).connect(cpus[n].gpioIn(Device.UNNAMED, ArmCpu.FIQ));
        }
        cpus[0].gpioIn(Device.UNNAMED, ArmCpu.IRQ).intercept((n, level) -> cpu0Changes.add(n + "=" + level), 0);
        ic.irqOut().connect(control.gpioIn("gpu-irq", 0));
        ic.fiqOut().connect(control.gpioIn("gpu-fiq", 0));
        for (int n = 0; n < 4; n++) {
            timer.irqOut(n).connect(ic.gpioIn(Bcm2835Ic.GPU_IRQ, n));
        }
        for (Device d : List.of(timer, ic, control, cpus[0])) {
            d.realize();
        }
    }

    private long readl(long addr) {
        return as.load(addr, 4, false);
    }

    private void writel(long addr, long v) {
        as.store(addr, 4, v, false);
    }

    @Test
    void counterIsTheVirtualClockInMicroseconds() {
        clock.warpTo(320_336_001_000L);
        assertEquals(0x1317f081L, readl(ST + 0x04));
        assertEquals(0, readl(ST + 0x08));
        clock.warpTo((1L << 32) * 1000 + 5_000);
        assertEquals(5, readl(ST + 0x04), "CLO wraps");
        assertEquals(1, readl(ST + 0x08), "CHI carries");
    }

    @Test
    void compareMatchRaisesCpu0IrqThroughIcAndControlAndAckLowersIt() {
        clock.warpTo(320_336_001_000L);
        writel(IC + 0x10, 0x2); // IRQ_ENABLE_1: GPU IRQ 1 = system timer C1
        writel(ST + 0x10, 0x1317f469L); // C1 = counter + 1000 us
        clock.warpTo(320_336_501_000L);
        assertEquals(0, readl(ST + 0x00));
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
        clock.warpTo(320_337_501_000L);
        assertEquals(2, readl(ST + 0x00), "M1");
        assertEquals(2, readl(IC + 0x04), "IRQ pending 1");
        assertEquals(1 << 8, readl(IC + 0x00), "basic pending: bank 1 has a source");
        assertEquals(1 << 8, readl(CTRL + 0x60), "core 0 IRQ source: GPU");
        assertTrue(cpus[0].inputHigh(ArmCpu.IRQ));
        writel(ST + 0x00, 0x2);
        assertEquals(0, readl(ST + 0x00));
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
        assertEquals(List.of("0=1", "0=0"), levelChanges(cpu0Changes), "what qtest reports: IRQ raise 0, lower 0");
    }

    /** The level changes among the sets a line saw (qtest reports changes only), starting from low. */
    private static List<String> levelChanges(List<String> sets) {
        List<String> out = new ArrayList<>();
        String last = "0=0";
        for (String s : sets) {
            if (!s.equals(last)) {
                out.add(s);
                last = s;
            }
        }
        return out;
    }

    @Test
    void compareFiresAtItsMicrosecondNotBefore() {
        writel(ST + 0x0c, 1000); // C0 at t = 1 ms
        clock.warpTo(999_999);
        assertEquals(0, readl(ST + 0x00));
        clock.warpTo(1_000_000);
        assertEquals(1, readl(ST + 0x00));
    }

    @Test
    void comparePassedAlreadyFiresAfterThe32BitCounterWraps() {
        clock.warpTo(2_000_000); // counter 2000 us
        writel(ST + 0x18, 1000); // C3 behind the counter
        assertEquals(1000, readl(ST + 0x18));
        clock.warpTo(((1L << 32) + 999) * 1000);
        assertEquals(0, readl(ST + 0x00));
        clock.warpTo(((1L << 32) + 1000) * 1000);
        assertEquals(8, readl(ST + 0x00));
    }

    @Test
    void disabledSourceIsNotPendingAndDoesNotInterrupt() {
        writel(ST + 0x10, 10);
        clock.warpTo(10_000);
        assertEquals(2, readl(ST + 0x00));
        assertEquals(0, readl(IC + 0x04));
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
        writel(IC + 0x10, 0x2);
        assertTrue(cpus[0].inputHigh(ArmCpu.IRQ), "enabling a high source interrupts at once");
        writel(IC + 0x1c, 0x2); // IRQ_DISABLE_1
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
        assertEquals(0xffff_ffffL, readl(IC + 0x1c), "disable reads the complement of the enables");
    }

    @Test
    void gpuRouteSendsTheIrqToAnotherCoreAndFiqSelectionToFiq() {
        writel(CTRL + 0x0c, 0x2 | (0x3 << 2)); // IRQ to core 2, FIQ to core 3
        assertEquals(0xe, readl(CTRL + 0x0c));
        writel(IC + 0x10, 0x1);
        writel(ST + 0x0c, 5);
        clock.warpTo(5_000);
        assertTrue(cpus[2].inputHigh(ArmCpu.IRQ));
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
        writel(IC + 0x0c, 0x80); // FIQ enable, source GPU 0
        assertEquals(0x80, readl(IC + 0x0c));
        assertTrue(cpus[3].inputHigh(ArmCpu.FIQ));
        assertEquals(1 << 8, readl(CTRL + 0x7c), "core 3 FIQ source: GPU");
    }

    @Test
    void localTimerInterruptsTheRoutedCoreAtItsReloadPeriod() {
        writel(CTRL + 0x24, 1); // local timer to core 1 IRQ
        writel(CTRL + 0x34, Bcm2836Control.LOCALTIMER_ENABLE | Bcm2836Control.LOCALTIMER_INTENABLE | 38_400);
        clock.warpTo(999_999);
        assertFalse(cpus[1].inputHigh(ArmCpu.IRQ));
        clock.warpTo(1_000_000); // 38400 ticks at 38.4 MHz = 1 ms
        assertTrue(cpus[1].inputHigh(ArmCpu.IRQ));
        assertEquals(1 << 11, readl(CTRL + 0x64));
        writel(CTRL + 0x38, Bcm2836Control.LOCALTIMER_INTFLAG & 0xffff_ffffL);
        assertFalse(cpus[1].inputHigh(ArmCpu.IRQ));
    }

    @Test
    void mailboxWriteSetsAndReadClearClearsBitsAndInterruptsWhenEnabled() {
        writel(CTRL + 0x50, 0x1); // core 0 mailbox 0 IRQ enable
        writel(CTRL + 0x80, 0x5);
        assertEquals(0x5, readl(CTRL + 0xc0));
        assertEquals(1 << 4, readl(CTRL + 0x60));
        assertTrue(cpus[0].inputHigh(ArmCpu.IRQ));
        writel(CTRL + 0xc0, 0x5);
        assertEquals(0, readl(CTRL + 0xc0));
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
    }

    @Test
    void resetClearsEnablesAndCompareRegistersButKeepsTheCounter() {
        clock.warpTo(7_000);
        writel(IC + 0x10, 0xf);
        writel(ST + 0x0c, 0x1234);
        ic.reset();
        timer.reset();
        assertEquals(0, readl(IC + 0x10));
        assertEquals(0, readl(ST + 0x0c));
        assertEquals(7, readl(ST + 0x04));
    }

    @Test
    void onlyWordAccessesReachTheIcAndControl() {
        writel(IC + 0x10, 0x2);
        as.store(IC + 0x14, 2, 0xffff, false); // invalid size: dropped
        assertEquals(0, readl(IC + 0x14));
        assertEquals(0, as.load(IC + 0x10, 2, false), "a 2-byte read is a decode error: 0");
    }
}
