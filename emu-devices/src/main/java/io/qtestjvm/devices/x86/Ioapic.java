package io.qtestjvm.devices.x86;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The I/O APIC (QOM type {@code ioapic}), as QEMU 7.2's hw/intc/ioapic.c and ioapic_common.c model it: 24
 * unnamed GPIO inputs, a 4 KiB window with IOREGSEL (0x00), IOWIN (0x10) and, for version 0x20, the EOI register
 * (0x40); registers ID, VER (0x20, 23 = highest entry), ARB and the redirection table; level and edge semantics,
 * masking and remote IRR. An unmasked pending pin is "delivered" as QEMU's {@code ioapic_service} does it: edge
 * pins leave the IRR, level pins set remote IRR; the MSI QEMU would write to the local APIC goes to an optional
 * {@link MsiSink} (there is no CPU to take it). ISA IRQ 0 arriving on input 0 is redirected to pin 2, as QEMU does.
 *
 * <p>Wiring: map {@link #mmio()} at {@link #MMIO_BASE} in system memory; connect the ISA/GSI lines to
 * {@code gpioIn(UNNAMED, n)}; add it to the QOM tree as {@code /machine/ioapic} so qtest's
 * {@code irq_intercept_in ioapic} finds it.
 */
public final class Ioapic extends Device {
    public static final String TYPE = "ioapic";
    public static final long MMIO_BASE = 0xfec0_0000L;
    public static final int NUM_PINS = 24;
    public static final int VERSION = 0x20;

    // hw/intc/ioapic_internal.h
    static final int IOREGSEL = 0x00;
    static final int IOWIN = 0x10;
    static final int EOI = 0x40;
    static final int REG_ID = 0x00;
    static final int REG_VER = 0x01;
    static final int REG_ARB = 0x02;
    static final int REG_REDTBL_BASE = 0x10;
    static final int ID_SHIFT = 24;
    static final int ID_MASK = 0xf;
    static final int VER_ENTRIES_SHIFT = 16;
    public static final long LVT_MASKED = 1L << 16;
    public static final long LVT_TRIGGER_LEVEL = 1L << 15;
    public static final long LVT_REMOTE_IRR = 1L << 14;
    static final long LVT_DELIV_STATUS = 1L << 12;
    static final long RO_BITS = LVT_REMOTE_IRR | LVT_DELIV_STATUS;
    static final int DELIV_MODE_SHIFT = 8;
    static final int DEST_MODE_SHIFT = 11;
    static final int DEST_IDX_SHIFT = 48;
    static final int VECTOR_MASK = 0xff;
    /** After this many EOIs in a row that re-raise a level pin QEMU delays the next delivery by 10 ms. */
    static final int SUCCESSIVE_IRQ_MAX_COUNT = 10_000;
    static final long APIC_DEFAULT_ADDRESS = 0xfee0_0000L;

    /** Receives the MSI an unmasked redirection entry produces ({@code stl_le_phys(ioapic_as, addr, data)}). */
    @FunctionalInterface
    public interface MsiSink {
        void deliver(long address, int data);
    }

    private final Clock clock;
    private final MemoryRegion mmio;
    private final Timer delayedServiceTimer;
    private final long[] ioredtbl = new long[NUM_PINS];
    private final int[] irqEoi = new int[NUM_PINS];
    private final long[] delivered = new long[NUM_PINS];
    private int id;
    private int ioregsel;
    private int irr;
    private MsiSink msiSink;

    /** @param virtualClock QEMU_CLOCK_VIRTUAL, for the interrupt-storm delay after EOIs */
    public Ioapic(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        this.delayedServiceTimer = virtualClock.newTimer(this::service);
        initGpioIn(UNNAMED, this::setIrq, NUM_PINS);
        // ioapic_io_ops: no valid/impl limits (QEMU's defaults: up to 4 bytes), native endian
        this.mmio = MemoryRegion.io("ioapic", 0x1000, new Ops(), AccessRules.of(Endianness.NATIVE));
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    /** Input pin {@code n} ({@code qdev_get_gpio_in(ioapic, n)}). */
    public Irq input(int n) {
        return gpioIn(UNNAMED, n);
    }

    public void setMsiSink(MsiSink sink) {
        this.msiSink = sink;
    }

    /** {@code ioapic_reset_common}: ID 0, IOREGSEL 0, no pending pin, every entry masked and edge-triggered. */
    @Override
    public void reset() {
        id = 0;
        ioregsel = 0;
        irr = 0;
        for (int i = 0; i < NUM_PINS; i++) {
            ioredtbl[i] = LVT_MASKED;
            irqEoi[i] = 0;
        }
    }

    /** The pending-pin bitmap (QEMU's {@code irr}, as {@code info pic} prints it). */
    public int irr() {
        return irr;
    }

    public long redirectionEntry(int pin) {
        return ioredtbl[pin];
    }

    public boolean remoteIrr(int pin) {
        return (ioredtbl[pin] & LVT_REMOTE_IRR) != 0;
    }

    /** How many interrupts pin {@code pin} has sent towards the local APIC since creation. */
    public long deliveredCount(int pin) {
        return delivered[pin];
    }

    /** {@code ioapic_set_irq}. */
    private void setIrq(int vector, int level) {
        // ISA IRQ 0 is GSI 2; every other GSI maps 1:1 (QEMU's comment calls this not the cleanest way)
        int pin = vector == 0 ? 2 : vector;
        if (pin >= NUM_PINS) {
            return;
        }
        int mask = 1 << pin;
        long entry = ioredtbl[pin];
        if ((entry & LVT_TRIGGER_LEVEL) != 0) {
            if (level != 0) {
                irr |= mask;
                if ((entry & LVT_REMOTE_IRR) == 0) {
                    service();
                }
            } else {
                irr &= ~mask;
            }
        } else if (level != 0 && (entry & LVT_MASKED) == 0) {
            // 82093AA: edge requests on a masked pin are ignored
            irr |= mask;
            service();
        }
    }

    /** {@code ioapic_service}: sends every pending unmasked pin, keeping level pins pending until their EOI. */
    private void service() {
        for (int i = 0; i < NUM_PINS; i++) {
            int mask = 1 << i;
            if ((irr & mask) == 0) {
                continue;
            }
            long entry = ioredtbl[i];
            if ((entry & LVT_MASKED) != 0) {
                continue;
            }
            boolean level = (entry & LVT_TRIGGER_LEVEL) != 0;
            if (!level) {
                irr &= ~mask;
            } else {
                boolean coalesce = (entry & LVT_REMOTE_IRR) != 0;
                ioredtbl[i] |= LVT_REMOTE_IRR;
                if (coalesce) {
                    continue; // the guest is still handling the previous one
                }
            }
            delivered[i]++;
            MsiSink sink = msiSink;
            if (sink != null) {
                long destIdx = (entry >>> DEST_IDX_SHIFT) & 0xffff;
                long destMode = (entry >>> DEST_MODE_SHIFT) & 1;
                int deliveryMode = (int) (entry >>> DELIV_MODE_SHIFT) & 7;
                // include/hw/i386/apic-msidef.h: the 16-bit dest index (dest id over 8 reserved bits) at bit 4,
                // dest mode at bit 2; data: vector, delivery mode at bit 8, trigger at bit 15
                long addr = APIC_DEFAULT_ADDRESS | (destIdx << 4) | (destMode << 2);
                int data = (int) (entry & VECTOR_MASK) | (deliveryMode << 8) | ((level ? 1 : 0) << 15);
                sink.deliver(addr, data);
            }
        }
    }

    /** {@code ioapic_eoi_broadcast}: an EOI for {@code vector} clears remote IRR of matching level entries. */
    public void eoiBroadcast(int vector) {
        for (int n = 0; n < NUM_PINS; n++) {
            long entry = ioredtbl[n];
            if ((entry & VECTOR_MASK) != vector || (entry & LVT_TRIGGER_LEVEL) == 0) {
                continue;
            }
            if ((entry & LVT_REMOTE_IRR) == 0) {
                continue;
            }
            ioredtbl[n] = entry & ~LVT_REMOTE_IRR;
            if ((entry & LVT_MASKED) == 0 && (irr & (1 << n)) != 0) {
                if (++irqEoi[n] >= SUCCESSIVE_IRQ_MAX_COUNT) {
                    // real hardware does not redeliver at once: let a storming guest make slow progress
                    irqEoi[n] = 0;
                    long when = io.qtestjvm.core.Clock.plus(clock.now(), 10_000_000L);
                    if (!delayedServiceTimer.pending() || delayedServiceTimer.expireNs() > when) {
                        delayedServiceTimer.mod(when);
                    }
                } else {
                    service();
                }
            } else {
                irqEoi[n] = 0;
            }
        }
    }

    private long read(int addr, int size) {
        switch (addr & 0xff) {
            case IOREGSEL:
                return ioregsel;
            case IOWIN:
                if (size != 4) {
                    return 0;
                }
                switch (ioregsel) {
                    case REG_ID, REG_ARB:
                        return (long) id << ID_SHIFT;
                    case REG_VER:
                        return VERSION | ((NUM_PINS - 1) << VER_ENTRIES_SHIFT);
                    default:
                        int index = (ioregsel - REG_REDTBL_BASE) >> 1;
                        if (index >= 0 && index < NUM_PINS) {
                            long e = ioredtbl[index];
                            return (ioregsel & 1) != 0 ? e >>> 32 : e & 0xffff_ffffL;
                        }
                        return 0;
                }
            default:
                return 0;
        }
    }

    private void write(int addr, long val, int size) {
        switch (addr & 0xff) {
            case IOREGSEL -> ioregsel = (int) val & 0xff;
            case IOWIN -> {
                if (size != 4) {
                    return;
                }
                switch (ioregsel) {
                    case REG_ID -> id = (int) (val >>> ID_SHIFT) & ID_MASK;
                    case REG_VER, REG_ARB -> { }
                    default -> writeRedirection(val);
                }
            }
            case EOI -> {
                // the explicit EOI register exists from version 0x20 on
                if (size == 4) {
                    eoiBroadcast((int) val);
                }
            }
            default -> { }
        }
    }

    private void writeRedirection(long val) {
        int index = (ioregsel - REG_REDTBL_BASE) >> 1;
        if (index < 0 || index >= NUM_PINS) {
            return;
        }
        long e = ioredtbl[index];
        long ro = e & RO_BITS;
        if ((ioregsel & 1) != 0) {
            e = (e & 0xffff_ffffL) | ((val & 0xffff_ffffL) << 32);
        } else {
            e = (e & ~0xffff_ffffL) | (val & 0xffff_ffffL);
        }
        e = (e & ~RO_BITS) | ro;
        irqEoi[index] = 0;
        if ((e & LVT_TRIGGER_LEVEL) == 0) {
            // Linux clears remote IRR by switching a pin to edge and back: edge entries never keep it
            e &= ~LVT_REMOTE_IRR;
        }
        ioredtbl[index] = e;
        service();
    }

    private final class Ops implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return Ioapic.this.read((int) offset, size);
        }

        @Override
        public void write(long offset, long value, int size) {
            Ioapic.this.write((int) offset, value, size);
        }
    }
}
