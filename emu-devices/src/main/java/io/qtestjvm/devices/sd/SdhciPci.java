package io.qtestjvm.devices.sd;

import io.qtestjvm.core.Clock;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.pci.DmaStatus;
import io.qtestjvm.pci.PciDevice;
import io.qtestjvm.pci.PciRegs;

import java.util.List;

/**
 * QOM type {@code sdhci-pci}: the {@link Sdhci} slot as a conventional PCI function,
 * 1b36:0007 revision 0, class 0x0805 (SD host controller) prog-if 0x01 (standard host with DMA), interrupt pin
 * A, BAR0 = the 256-byte register region (32-bit memory), DMA through the bus-master path. Properties as
 * QEMU: {@code sd-spec-version} (2), {@code uhs} (0), {@code capareg} (0x057834b4), {@code maxcurr} (0).
 *
 * <p>SDMA and ADMA addresses are bus addresses: behind the bus's IOMMU (virt's SMMUv3) they are IOVAs translated
 * for the function's requester id, as every bus master's. A refused translation is a system bus error to the
 * engines (see {@link AdmaEngine}); bytes no target decodes are not (QEMU 7.2 reports none for them). As measured
 * with Debian's QEMU 7.2 behind virt's SMMUv3 ({@code SmmuBusMastersOnRunningQemuTest}): SDMA and the ADMA
 * descriptor fetch retry a refused page in 4-byte pieces, one IOMMU fault each, and go on past it
 * ({@link PciDevice#retryRefusedPagesInWords}); the data of an ADMA Tran line ends at the first refused page with
 * one fault ({@link DmaMemory#writeData}).
 */
public final class SdhciPci extends PciDevice {
    public static final String TYPE = "sdhci-pci";
    public static final int VENDOR_ID = 0x1b36;
    public static final int DEVICE_ID = 0x0007;
    public static final int CLASS_SDHCI = 0x0805;

    private final Sdhci core;

    /** @param virtualClock the clock of the insertion and ADMA timers (the virtual clock) */
    public SdhciPci(Clock virtualClock) {
        super(TYPE, VENDOR_ID, DEVICE_ID, 0, CLASS_SDHCI);
        setConfigByte(PciRegs.CLASS_PROG, 0x01);
        setInterruptPin(1);
        retryRefusedPagesInWords(true);
        this.core = new Sdhci(virtualClock, new DmaMemory() {
            @Override
            public boolean read(long addr, byte[] dst, int off, int len) {
                return dmaReadStatus(addr, dst, off, len) != DmaStatus.TRANSLATION_FAULT;
            }

            @Override
            public boolean write(long addr, byte[] src, int off, int len) {
                return dmaWriteStatus(addr, src, off, len) != DmaStatus.TRANSLATION_FAULT;
            }

            @Override
            public boolean readData(long addr, byte[] dst, int off, int len) {
                return dmaReadStatusEndingAtRefusal(addr, dst, off, len) != DmaStatus.TRANSLATION_FAULT;
            }

            @Override
            public boolean writeData(long addr, byte[] src, int off, int len) {
                return dmaWriteStatusEndingAtRefusal(addr, src, off, len) != DmaStatus.TRANSLATION_FAULT;
            }
        }, this::setIrqLevel);
        registerBar(0, PciRegs.BAR_MEM_TYPE_32, core.region());
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

    /** @throws IllegalArgumentException for a property QEMU's realize refuses */
    @Override
    protected void doRealize() {
        core.realize();
    }

    @Override
    protected void deviceReset() {
        core.powerOnReset();
    }

    @Override
    public void unrealize() {
        core.stopTimers();
    }

    public MemoryRegion mmio() {
        return core.region();
    }

    /** The card slot ({@code sd-bus}): attach an {@link SdSlot.Card} here. */
    public SdSlot slot() {
        return core.slot();
    }

    @Override
    public List<String[]> qtreeProperties() {
        return core.qtreeProperties(false);
    }
}
