package io.qtestjvm.devices.x86;

/**
 * Where the Intel 82093AA I/O APIC's registers and fields live (82093AA data sheet, 3.0 "Register Description":
 * Table 1 memory-mapped registers, Table 2 I/O APIC registers, 3.2.1 IOAPICID, 3.2.2 IOAPICVER, 3.2.3 IOAPICARB,
 * 3.2.4 IOREDTBL), and the MSI format an entry is delivered in (Intel SDM Vol. 3, 11.11.1 Message Address
 * Register Format, 11.11.2 Message Data Register Format). Layout constants only.
 */
final class IoapicLayout {
    // Table 1: memory-mapped registers (the window decodes the low 8 address bits)
    static final int IOREGSEL = 0x00;
    static final int IOWIN = 0x10;
    /** The EOI register of version 0x20 I/O APICs (not on the 82093AA itself, version 0x11). */
    static final int EOI = 0x40;
    static final int OFFSET_MASK = 0xff;
    static final long MMIO_SIZE = 0x1000;

    // Table 2: register indexes behind IOREGSEL
    static final int IOAPICID = 0x00;
    static final int IOAPICVER = 0x01;
    static final int IOAPICARB = 0x02;
    /** IOREDTBL[n] is registers 0x10 + 2n (bits 31:0) and 0x11 + 2n (bits 63:32). */
    static final int IOREDTBL = 0x10;

    /** 3.2.1: the APIC ID in bits 27:24. */
    static final int ID_SHIFT = 24;
    static final int ID_MASK = 0xf;
    /** 3.2.2: version in bits 7:0, maximum redirection entry in bits 23:16. */
    static final int VER_MAX_ENTRY_SHIFT = 16;

    // 3.2.4: redirection table entry fields
    static final long RTE_VECTOR = 0xffL;
    static final int RTE_DELIVERY_MODE_SHIFT = 8;
    static final long RTE_DELIVERY_MODE = 7L << RTE_DELIVERY_MODE_SHIFT;
    static final long RTE_DEST_LOGICAL = 1L << 11;
    /** Delivery status (read only). */
    static final long RTE_SEND_PENDING = 1L << 12;
    static final long RTE_POLARITY_LOW = 1L << 13;
    /** Remote IRR (read only): a level interrupt was accepted and awaits its EOI. */
    static final long RTE_REMOTE_IRR = 1L << 14;
    static final long RTE_LEVEL = 1L << 15;
    static final long RTE_MASKED = 1L << 16;
    static final int RTE_DEST_SHIFT = 56;
    static final long RTE_READ_ONLY = RTE_SEND_PENDING | RTE_REMOTE_IRR;
    static final long RTE_POWER_ON = RTE_MASKED;

    // MSI address and data (SDM 11.11)
    static final long MSI_ADDRESS_BASE = 0xfee0_0000L;
    static final int MSI_ADDRESS_DEST_SHIFT = 12;
    static final int MSI_ADDRESS_DEST_MODE_SHIFT = 2;
    static final int MSI_DATA_TRIGGER_SHIFT = 15;

    private IoapicLayout() {
    }
}
