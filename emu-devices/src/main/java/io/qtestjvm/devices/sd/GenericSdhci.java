package io.qtestjvm.devices.sd;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;

import java.util.List;

/**
 * QOM type {@code generic-sdhci}: the {@link Sdhci} slot as a sysbus device with one 0x100-byte little-endian MMIO
 * region (1-4 byte aligned accesses), one interrupt output in the {@value #IRQ_LIST} GPIO list, and DMA through an
 * {@link AddressSpace} (the {@code dma} link, system memory when unset).
 *
 * <p>Wiring: set the properties, {@link #realize()}, map {@link #mmio()} (e.g. at 0x3f300000 on raspi2b), connect
 * {@link #irqOut()}, and plug a card with {@code slot().attach(card)}. Properties as QEMU:
 * {@code sd-spec-version} (2), {@code uhs} (0), {@code capareg} (0x057834b4), {@code maxcurr} (0),
 * {@code pending-insert-quirk} (false; true on the Raspberry Pi).
 */
public final class GenericSdhci extends Device {
    public static final String TYPE = "generic-sdhci";
    /** The name of a sysbus device's interrupt output list, as QEMU names it. */
    public static final String IRQ_LIST = "sysbus-irq";

    private final Sdhci core;
    private final GpioOut irq;

    /**
     * @param virtualClock the clock of the insertion and ADMA timers (the virtual clock)
     * @param dmaSpace     where SDMA and ADMA read and write guest memory
     */
    public GenericSdhci(Clock virtualClock, AddressSpace dmaSpace) {
        super(TYPE);
        this.irq = initGpioOut(IRQ_LIST, 1)[0];
        this.core = new Sdhci(virtualClock, new DmaMemory() {
            @Override
            public boolean read(long addr, byte[] dst, int off, int len) {
                dmaSpace.read(addr, dst, off, len);
                return true;
            }

            @Override
            public boolean write(long addr, byte[] src, int off, int len) {
                dmaSpace.write(addr, src, off, len);
                return true;
            }
        }, irq::set);
    }

    public void setSpecVersion(int version) {
        core.setSpecVersion(version);
    }

    public void setCapareg(long capareg) {
        core.setCapareg(capareg);
    }

    public void setUhs(int mode) {
        core.setUhs(mode);
    }

    public void setMaxcurr(long maxcurr) {
        core.setMaxcurr(maxcurr);
    }

    public void setPendingInsertQuirk(boolean on) {
        core.setPendingInsertQuirk(on);
    }

    /** @throws IllegalArgumentException for a property QEMU's realize refuses (message says value and limit) */
    @Override
    protected void doRealize() {
        core.realize();
    }

    /** Power-on reset: a Software Reset for All, plus the pending-insert quirk when it is on. */
    @Override
    public void reset() {
        core.powerOnReset();
    }

    @Override
    public void unrealize() {
        core.stopTimers();
    }

    /** The register region (sysbus MMIO region 0), 0x100 bytes. */
    public MemoryRegion mmio() {
        return core.region();
    }

    public GpioOut irqOut() {
        return irq;
    }

    /** The card slot ({@code sd-bus}): attach an {@link SdSlot.Card} here. */
    public SdSlot slot() {
        return core.slot();
    }

    @Override
    public List<String[]> qtreeProperties() {
        return core.qtreeProperties(true);
    }
}
