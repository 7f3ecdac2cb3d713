package io.qtestjvm.pci;

/**
 * The power-management function of the PIIX4 (Intel 82371AB data sheet, function 3 "Power Management": 8086:7113,
 * revision 3 as QEMU 7.2 reports it, class 0x0680 "other bridge", INTA#). Its registers are config space only:
 * <ul>
 * <li>0x06 PCISTS: medium DEVSEL timing, fast back-to-back capable (0x0280)</li>
 * <li>0x40 PMBA: power-management I/O base, bit 0 the read-only I/O space indicator</li>
 * <li>0x58-0x5b DEVACTA/DEVACTB: device activity, cleared by reset (QEMU 7.2 leaves 0x5b at 0: SMM exists under
 *     TCG and qtest)</li>
 * <li>0x80 PMREGMISC: PM I/O space enable, cleared by reset</li>
 * <li>0x90 SMBBA: SMBus I/O base with its I/O indicator (0xb100 on pc); 0xd2 SMBHSTCFG 0x09 (host enabled,
 *     interrupt to IRQ 9)</li>
 * </ul>
 * The PM1 event and control blocks and the PM timer ({@link AcpiPm1}) answer at PMBA while PMREGMISC bit 0 (PMIOSE)
 * is set, moving with PMBA; the SMBus host is not modelled (SMBBA moves nothing). The SCI is the OR of PM1's and
 * GPE0's requests. On realize the function puts its GPE0 block ({@link AcpiGpe}, 0xafe0) and
 * QEMU's PCI hotplug block ({@link AcpiPciHotplug}, 0xae00) into the bus's I/O space, as QEMU does for pc; a reset
 * clears GPE0 and carries out pending removals ({@code ResetAndPlugTest.pmResetValues}, {@code PcHotplugTest}).
 */
public final class Piix4Pm extends PciDevice {
    public static final String TYPE = "PIIX4_PM";
    static final int PMBA = 0x40;
    static final int DEVACTA = 0x58;
    static final int DEVACTB = 0x5b;
    static final int PMREGMISC = 0x80;
    static final int SMBBA = 0x90;
    static final int SMBHSTCFG = 0xd2;
    private static final int IO_SPACE_INDICATOR = 0x01;
    private static final int SMB_HOST_ENABLED_IRQ9 = 0x09;

    private static final int PMIOSE = 0x01;

    private final AcpiGpe gpe = new AcpiGpe();
    private final AcpiPm1 pm1;
    private AcpiPciHotplug pciHotplug;
    private io.qtestjvm.core.Irq sci = io.qtestjvm.core.Irq.unconnected();
    private int pm1Sci;
    private int gpeSci;
    private boolean pmMapped;

    /** With a clock that never moves (the PM timer reads 0): for tests of the configuration space alone. */
    public Piix4Pm(int smbIoBase) {
        this(smbIoBase, io.qtestjvm.core.Clock.virtual());
    }

    /**
     * @param smbIoBase the SMBus I/O base the board chooses (0xb100 on pc)
     * @param clock     the virtual clock the PM timer counts
     */
    public Piix4Pm(int smbIoBase, io.qtestjvm.core.Clock clock) {
        super(TYPE, 0x8086, 0x7113, 0x03, 0x0680);
        this.pm1 = new AcpiPm1(clock, level -> {
            pm1Sci = level;
            sci.set(pm1Sci | gpeSci);
        });
        gpe.setSci(new io.qtestjvm.core.Irq((n, level) -> {
            gpeSci = level;
            sci.set(pm1Sci | gpeSci);
        }, 0));
        setHotpluggable(false); // part of the south bridge
        setConfigWord(PciRegs.STATUS, PciRegs.STATUS_FAST_BACK | PciRegs.STATUS_DEVSEL_MEDIUM);
        setInterruptPin(1);
        setConfigWord(SMBBA, (smbIoBase & 0xfff0) | IO_SPACE_INDICATOR);
        setConfigByte(SMBHSTCFG, SMB_HOST_ENABLED_IRQ9);
    }

    @Override
    protected void doRealize() {
        pciHotplug = new AcpiPciHotplug(bus(), gpe);
        bus().io().addSubregion(AcpiGpe.IO_BASE, gpe.region());
        bus().io().addSubregion(AcpiPciHotplug.IO_BASE, pciHotplug.region());
    }

    /** GPE0. */
    public AcpiGpe gpe() {
        return gpe;
    }

    /** The interrupt line the SCI drives (ISA IRQ 9 on pc). */
    public void setSci(io.qtestjvm.core.Irq line) {
        this.sci = line;
        line.set(pm1Sci | gpeSci);
    }

    /** The PM1 blocks and the PM timer. */
    public AcpiPm1 pm1() {
        return pm1;
    }

    /** PMBA or PMREGMISC written: the PM I/O space follows them. */
    @Override
    public void configWrite(int offset, long value, int len) {
        super.configWrite(offset, value, len);
        if (overlaps(offset, len, PMBA, 4) || overlaps(offset, len, PMREGMISC, 1)) {
            mapPmIo();
        }
    }

    private void mapPmIo() {
        if (bus() == null) {
            return;
        }
        if (pmMapped) {
            bus().io().removeSubregion(pm1.region());
            pmMapped = false;
        }
        if ((configByte(PMREGMISC) & PMIOSE) != 0) {
            int base = (int) (configLong(PMBA) & 0xffc0);
            bus().io().addSubregion(base, pm1.region());
            pmMapped = true;
        }
    }

    /** The root bus's hotplug registers; null until realized. */
    public AcpiPciHotplug pciHotplug() {
        return pciHotplug;
    }

    @Override
    protected void deviceReset() {
        gpe.reset();
        pm1.reset();
        if (pciHotplug != null) {
            pciHotplug.reset();
        }
        for (int r = DEVACTA; r <= DEVACTB; r++) {
            setConfigByte(r, 0);
        }
        setConfigByte(PMBA, IO_SPACE_INDICATOR); // the upper bytes keep what was written (QEMU 7.2)
        setConfigByte(PMREGMISC, 0);
        mapPmIo();
    }
}
