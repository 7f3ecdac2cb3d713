package io.qtestjvm.devices.bcm2835;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.devices.arm.ArmCpu;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Register behaviour of the raspi2b interrupt blocks that the chain test leaves implicit: the BCM2835 ARM
 * Peripherals data sheet (chapters 7 and 12) and the BCM2836 QA7 document, and where QEMU 7.2 departs from them.
 */
class Bcm2835SpecBehaviourTest {
    private static final long ST = 0x3000;
    private static final long IC = 0xb200;
    private static final long CTRL = 0x1000_0000L;

    private final Clock clock = Clock.virtual();
    private final Bcm2835SystemTimer timer = new Bcm2835SystemTimer(clock);
    private final Bcm2835Ic ic = new Bcm2835Ic();
    private final Bcm2836Control control = new Bcm2836Control(clock);
    private final ArmCpu[] cpus = new ArmCpu[4];
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
        ic.irqOut().connect(control.gpioIn("gpu-irq", 0));
        ic.fiqOut().connect(control.gpioIn("gpu-fiq", 0));
        for (int n = 0; n < 4; n++) {
            timer.irqOut(n).connect(ic.gpioIn(Bcm2835Ic.GPU_IRQ, n));
        }
        for (Device d : List.of(timer, ic, control, cpus[0], cpus[1], cpus[2], cpus[3])) {
            d.realize();
        }
    }

    private long readl(long addr) {
        return as.load(addr, 4, false);
    }

    private void writel(long addr, long v) {
        as.store(addr, 4, v, false);
    }

    private void gpu(int n, int level) {
        ic.gpioIn(Bcm2835Ic.GPU_IRQ, n).set(level);
    }

    @Test
    void basicPendingRepeatsTheDataSheetsGpuSources() {
        writel(IC + 0x10, 0xffff_ffffL);
        writel(IC + 0x14, 0xffff_ffffL);
        gpu(7, 1);
        assertEquals(1 << 8 | 1 << 10, readl(IC + 0x00), "GPU 7: bank 1 and bit 10");
        gpu(7, 0);
        gpu(62, 1);
        assertEquals(1 << 9 | 1 << 20, readl(IC + 0x00), "GPU 62: bank 2 and bit 20");
        gpu(62, 0);
        gpu(8, 1);
        assertEquals(1 << 8, readl(IC + 0x00), "GPU 8 is not repeated");
    }

    @Test
    void armSourcesAreInBasicPendingAndSelectableAsFiq() {
        ic.gpioIn(Bcm2835Ic.ARM_IRQ, 2).set(1);
        assertEquals(0, readl(IC + 0x00), "not enabled");
        writel(IC + 0x18, 0x4);
        assertEquals(0x4, readl(IC + 0x00));
        assertEquals(0xffff_fffbL, readl(IC + 0x24));
        assertTrue(cpus[0].inputHigh(ArmCpu.IRQ));
        writel(IC + 0x0c, 0x80 | 66);
        assertTrue(cpus[0].inputHigh(ArmCpu.FIQ), "FIQ source 66 = ARM source 2");
        writel(IC + 0x0c, 0x80 | 74);
        assertFalse(cpus[0].inputHigh(ArmCpu.FIQ), "a source number past the ARM sources selects nothing");
        assertEquals(0x80 | 74, readl(IC + 0x0c));
    }

    @Test
    void pendingRegistersAreReadOnly() {
        writel(IC + 0x10, 0x1);
        gpu(0, 1);
        writel(IC + 0x04, 0);
        writel(IC + 0x00, 0);
        assertEquals(1, readl(IC + 0x04));
        assertTrue(cpus[0].inputHigh(ArmCpu.IRQ));
    }

    @Test
    void icResetKeepsTheOutputUntilTheNextChange() {
        writel(IC + 0x10, 0x1);
        gpu(0, 1);
        ic.reset();
        assertEquals(0, readl(IC + 0x04));
        assertTrue(cpus[0].inputHigh(ArmCpu.IRQ), "QEMU does not recompute the outputs on reset");
        gpu(1, 1);
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
    }

    @Test
    void coreTimerFiqControlWinsOverIrq() {
        control.gpioIn("cntvirq", 2).set(1);
        assertEquals(0, readl(CTRL + 0x68));
        writel(CTRL + 0x48, 0x8 | 0x80); // core 2: CNTV to IRQ and to FIQ
        assertEquals(0, readl(CTRL + 0x68));
        assertEquals(1 << 3, readl(CTRL + 0x78));
        assertTrue(cpus[2].inputHigh(ArmCpu.FIQ));
        assertFalse(cpus[2].inputHigh(ArmCpu.IRQ));
        writel(CTRL + 0x48, 0x108);
        assertEquals(0x08, readl(CTRL + 0x48), "8 control bits");
        assertTrue(cpus[2].inputHigh(ArmCpu.IRQ));
    }

    @Test
    void mailboxesAreAddressedByCoreAndNumber() {
        writel(CTRL + 0x58, 0x80); // core 2: mailbox 3 to FIQ
        writel(CTRL + 0x80 + 0x20 + 0xc, 0x10);
        assertEquals(0x10, readl(CTRL + 0xc0 + 0x20 + 0xc));
        assertEquals(0, readl(CTRL + 0x80 + 0x20 + 0xc), "write-set registers read 0");
        assertEquals(1 << 7, readl(CTRL + 0x78));
        assertTrue(cpus[2].inputHigh(ArmCpu.FIQ));
        writel(CTRL + 0xc0 + 0x20 + 0xc, 0x10);
        assertFalse(cpus[2].inputHigh(ArmCpu.FIQ));
    }

    @Test
    void localTimerRoutedToFiqAndZeroReloadExpiresEveryTick() {
        writel(CTRL + 0x24, 4 | 3); // core 3 FIQ
        writel(CTRL + 0x34, Bcm2836Control.LOCALTIMER_ENABLE | Bcm2836Control.LOCALTIMER_INTENABLE);
        clock.warpTo(25);
        assertFalse(cpus[3].inputHigh(ArmCpu.FIQ));
        clock.warpTo(26); // one 38.4 MHz tick, in whole nanoseconds
        assertTrue(cpus[3].inputHigh(ArmCpu.FIQ));
        assertEquals(1 << 11, readl(CTRL + 0x7c));
        assertTrue((readl(CTRL + 0x34) & 0x8000_0000L) != 0, "interrupt flag");
        writel(CTRL + 0x38, 0x8000_0000L);
        assertFalse(cpus[3].inputHigh(ArmCpu.FIQ));
        writel(CTRL + 0x34, 0);
        clock.warpTo(1_000);
        assertFalse(cpus[3].inputHigh(ArmCpu.FIQ), "disabled: no more expiries");
    }

    @Test
    void controlRegistersOutsideTheModelReadZeroAndIgnoreWrites() {
        writel(CTRL + 0x00, 0xffff_ffffL);
        writel(CTRL + 0x08, 0xffff_ffffL);
        writel(CTRL + 0x60, 0xffff_ffffL);
        assertEquals(0, readl(CTRL + 0x00));
        assertEquals(0, readl(CTRL + 0x08));
        assertEquals(0, readl(CTRL + 0x60));
        assertFalse(cpus[0].inputHigh(ArmCpu.IRQ));
    }

    @Test
    void systemTimerCounterIsReadOnlyAndAMatchIsNotRearmed() {
        clock.warpTo(5_000);
        writel(ST + 0x04, 0);
        writel(ST + 0x08, 7);
        assertEquals(5, readl(ST + 0x04));
        assertEquals(0, readl(ST + 0x08));
        writel(ST + 0x0c, 10);
        clock.warpTo(10_000);
        assertEquals(1, readl(ST + 0x00));
        writel(ST + 0x00, 1);
        clock.warpTo(((1L << 32) + 10) * 1000);
        assertEquals(0, readl(ST + 0x00), "the counter's next pass does not match again");
    }

    @Test
    void systemTimerResetKeepsAPendingMatch() {
        writel(ST + 0x14, 20); // C2
        timer.reset();
        assertEquals(0, readl(ST + 0x14));
        clock.warpTo(20_000);
        assertEquals(4, readl(ST + 0x00), "M2 still fires");
    }
}
