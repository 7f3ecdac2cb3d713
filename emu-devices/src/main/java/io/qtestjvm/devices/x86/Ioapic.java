package io.qtestjvm.devices.x86;

import static io.qtestjvm.devices.x86.IoapicLayout.EOI;
import static io.qtestjvm.devices.x86.IoapicLayout.ID_MASK;
import static io.qtestjvm.devices.x86.IoapicLayout.ID_SHIFT;
import static io.qtestjvm.devices.x86.IoapicLayout.IOAPICARB;
import static io.qtestjvm.devices.x86.IoapicLayout.IOAPICID;
import static io.qtestjvm.devices.x86.IoapicLayout.IOAPICVER;
import static io.qtestjvm.devices.x86.IoapicLayout.IOREDTBL;
import static io.qtestjvm.devices.x86.IoapicLayout.IOREGSEL;
import static io.qtestjvm.devices.x86.IoapicLayout.IOWIN;
import static io.qtestjvm.devices.x86.IoapicLayout.MSI_ADDRESS_BASE;
import static io.qtestjvm.devices.x86.IoapicLayout.MSI_ADDRESS_DEST_MODE_SHIFT;
import static io.qtestjvm.devices.x86.IoapicLayout.MSI_ADDRESS_DEST_SHIFT;
import static io.qtestjvm.devices.x86.IoapicLayout.MSI_DATA_TRIGGER_SHIFT;
import static io.qtestjvm.devices.x86.IoapicLayout.OFFSET_MASK;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_DELIVERY_MODE;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_DEST_LOGICAL;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_DEST_SHIFT;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_LEVEL;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_MASKED;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_POWER_ON;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_READ_ONLY;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_REMOTE_IRR;
import static io.qtestjvm.devices.x86.IoapicLayout.RTE_VECTOR;
import static io.qtestjvm.devices.x86.IoapicLayout.VER_MAX_ENTRY_SHIFT;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.IrqHandler;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.Timer;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * The PC's I/O APIC ({@code ioapic}) at 0xfec00000, structured after the Intel 82093AA data sheet: the indirect
 * register window (IOREGSEL/IOWIN, 3.1), IOAPICID/IOAPICVER/IOAPICARB (3.2.1-3.2.3) and 24 redirection entries
 * (3.2.4) whose fields are in {@link IoapicLayout}. An input asserted on an unmasked entry is delivered as the MSI
 * write the entry describes; a level entry then holds Remote IRR until the local APIC's EOI for its vector.
 *
 * <p>QEMU 7.2's I/O APIC is a version 0x20 part and departs from the 82093AA; these facts are reproduced:
 * <ul>
 *   <li>IOAPICVER reads 0x00170020 and an EOI register at offset 0x40 takes the vector (version 0x20 parts)
 *       ({@code IoapicTest.versionRegisterReportsVersion0x20And23AsHighestEntry},
 *       {@code IoapicTest.levelPinSetsRemoteIrrUntilEoi}).</li>
 *   <li>IOAPICARB reads the same as IOAPICID
 *       ({@code IoapicTest.idRegisterKeepsFourBitsAndArbitrationMirrorsIt}).</li>
 *   <li>IOREGSEL reads back its 8 bits; IOWIN answers 32-bit accesses only, others read 0 and write nothing; the
 *       window repeats every 256 bytes ({@code IoapicTest.ioregselReadsBackAndNarrowWindowAccessesReadZero}).</li>
 *   <li>Reserved entry bits keep what is written; delivery status is never set; polarity is not applied; writing
 *       an entry as edge-triggered clears its Remote IRR ({@code IoapicTest.redirectionEntryReadOnlyBitsIgnoreWrites},
 *       {@code IoapicTest.switchingToEdgeClearsRemoteIrr}).</li>
 *   <li>Each assertion of an edge input on an unmasked entry is delivered, also when the input was already high
 *       ({@link #setInput}); ISA IRQ 0 (input 0) arrives on pin 2, the PC's interrupt source override
 *       ({@code IoapicTest.isaIrqZeroArrivesOnPinTwo}).</li>
 *   <li>The MSI data carries vector, delivery mode and trigger mode but not the level-assert bit 14
 *       ({@code IoapicTest.levelPinSetsRemoteIrrUntilEoi}).</li>
 *   <li>A level input still asserted at 10 000 successive EOIs is delivered 10 ms later instead of at once
 *       ({@code IoapicTest.eoiStormDelaysRedeliveryByTenMilliseconds}).</li>
 * </ul>
 */
public final class Ioapic extends Device {
    public static final String TYPE = "ioapic";
    public static final long MMIO_BASE = 0xfec0_0000L;
    public static final int NUM_PINS = 24;
    public static final int VERSION = 0x20;
    /** After this many EOIs in a row that find a level input still asserted, redelivery waits 10 ms. */
    static final int SUCCESSIVE_IRQ_MAX_COUNT = 10_000;
    static final long APIC_DEFAULT_ADDRESS = IoapicLayout.MSI_ADDRESS_BASE;
    private static final long EOI_STORM_DELAY_NS = 10_000_000L;
    /** ISA IRQ 0 (the PIT) is wired to pin 2 on the PC. */
    private static final int ISA_TIMER_PIN = 2;

    /** Receives the MSI write an unmasked redirection entry produces. */
    @FunctionalInterface
    public interface MsiSink {
        void deliver(long address, int data);
    }

    private final Clock clock;
    private final long[] redirectionTable = new long[NUM_PINS];
    private final long[] delivered = new long[NUM_PINS];
    private final int[] successiveEois = new int[NUM_PINS];
    private final Irq[] inputs;
    private final Timer stormTimer;
    private final MemoryRegion mmio;
    private MsiSink msiSink;
    private int id;
    private int registerSelect;
    /** Asserted inputs not yet delivered (edge) or still asserted (level), one bit per pin. */
    private int irr;

    public Ioapic(Clock virtualClock) {
        super(TYPE);
        this.clock = virtualClock;
        this.inputs = initGpioIn(UNNAMED, new Inputs(), NUM_PINS);
        this.stormTimer = virtualClock.newTimer(this::deliverPending);
        this.mmio = MemoryRegion.io("ioapic", IoapicLayout.MMIO_SIZE, new Window(),
                AccessRules.of(Endianness.NATIVE));
    }

    public MemoryRegion mmio() {
        return mmio;
    }

    /** Input line {@code n} (GSI n). */
    public Irq input(int n) {
        return inputs[n];
    }

    public void setMsiSink(MsiSink sink) {
        this.msiSink = sink;
    }

    @Override
    public void reset() {
        id = 0;
        registerSelect = 0;
        irr = 0;
        for (int pin = 0; pin < NUM_PINS; pin++) {
            redirectionTable[pin] = RTE_POWER_ON;
            successiveEois[pin] = 0;
        }
        stormTimer.del();
    }

    /** The pending inputs, one bit per pin. */
    public int irr() {
        return irr;
    }

    public long redirectionEntry(int pin) {
        return redirectionTable[pin];
    }

    public boolean remoteIrr(int pin) {
        return (redirectionTable[pin] & RTE_REMOTE_IRR) != 0;
    }

    /** How many MSIs {@code pin} has delivered. */
    public long deliveredCount(int pin) {
        return delivered[pin];
    }

    // ------------------------------------------------------------------------------------------------------------
    // inputs and delivery

    private static int pinOf(int input) {
        return input == 0 ? ISA_TIMER_PIN : input;
    }

    /** An input's level (3.2.4 Trigger Mode): a level entry follows it, an edge entry takes each assertion. */
    private void setInput(int input, int level) {
        int pin = pinOf(input);
        int bit = 1 << pin;
        long entry = redirectionTable[pin];
        if ((entry & RTE_LEVEL) != 0) {
            if (level != 0) {
                irr |= bit;
                if ((entry & RTE_REMOTE_IRR) == 0) {
                    deliverPending();
                }
            } else {
                irr &= ~bit;
            }
        } else if (level != 0 && (entry & RTE_MASKED) == 0) {
            // 3.2.4 Interrupt Mask: edge assertions on a masked entry are ignored, not held
            irr |= bit;
            deliverPending();
        }
    }

    /** Delivers every pending unmasked entry: edge entries once, level entries unless awaiting their EOI. */
    private void deliverPending() {
        for (int pin = 0; pin < NUM_PINS; pin++) {
            int bit = 1 << pin;
            long entry = redirectionTable[pin];
            if ((irr & bit) == 0 || (entry & RTE_MASKED) != 0) {
                continue;
            }
            if ((entry & RTE_LEVEL) != 0) {
                if ((entry & RTE_REMOTE_IRR) != 0) {
                    continue;
                }
                redirectionTable[pin] = entry | RTE_REMOTE_IRR;
            } else {
                irr &= ~bit;
            }
            sendMsi(pin, entry);
        }
    }

    /** The MSI for an entry: destination and destination mode in the address, vector and modes in the data. */
    private void sendMsi(int pin, long entry) {
        long address = MSI_ADDRESS_BASE | ((entry >>> RTE_DEST_SHIFT) << MSI_ADDRESS_DEST_SHIFT)
                | ((entry & RTE_DEST_LOGICAL) != 0 ? 1L << MSI_ADDRESS_DEST_MODE_SHIFT : 0);
        int data = (int) (entry & (RTE_VECTOR | RTE_DELIVERY_MODE))
                | ((entry & RTE_LEVEL) != 0 ? 1 << MSI_DATA_TRIGGER_SHIFT : 0);
        delivered[pin]++;
        MsiSink sink = msiSink;
        if (sink != null) {
            sink.deliver(address, data);
        }
    }

    /**
     * The local APIC's EOI for {@code vector}: clears Remote IRR of the level entries with that vector and
     * redelivers those whose input is still asserted.
     */
    public void eoiBroadcast(int vector) {
        for (int pin = 0; pin < NUM_PINS; pin++) {
            long entry = redirectionTable[pin];
            if ((entry & RTE_VECTOR) != (vector & RTE_VECTOR) || (entry & RTE_LEVEL) == 0
                    || (entry & RTE_REMOTE_IRR) == 0) {
                continue;
            }
            redirectionTable[pin] = entry & ~RTE_REMOTE_IRR;
            if ((entry & RTE_MASKED) != 0 || (irr & (1 << pin)) == 0) {
                successiveEois[pin] = 0;
                continue;
            }
            if (++successiveEois[pin] >= SUCCESSIVE_IRQ_MAX_COUNT) {
                successiveEois[pin] = 0;
                long due = I8254Counter.saturatingAdd(clock.now(), EOI_STORM_DELAY_NS);
                if (!stormTimer.pending() || stormTimer.expireNs() > due) {
                    stormTimer.mod(due);
                }
            } else {
                deliverPending();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // registers (3.1, 3.2)

    private long readRegister(int index) {
        switch (index) {
            case IOAPICID, IOAPICARB -> {
                return (long) id << ID_SHIFT;
            }
            case IOAPICVER -> {
                return VERSION | ((NUM_PINS - 1) << VER_MAX_ENTRY_SHIFT);
            }
            default -> {
                int entry = (index - IOREDTBL) >> 1;
                if (index < IOREDTBL || entry >= NUM_PINS) {
                    return 0;
                }
                long value = redirectionTable[entry];
                return ((index & 1) != 0 ? value >>> 32 : value) & 0xffff_ffffL;
            }
        }
    }

    private void writeRegister(int index, long value) {
        long v = value & 0xffff_ffffL;
        if (index == IOAPICID) {
            id = (int) (v >>> ID_SHIFT) & ID_MASK;
            return;
        }
        int pin = (index - IOREDTBL) >> 1;
        if (index < IOREDTBL || pin >= NUM_PINS) {
            return; // IOAPICVER and IOAPICARB are read only
        }
        long entry = redirectionTable[pin];
        if ((index & 1) != 0) {
            entry = (entry & 0xffff_ffffL) | (v << 32);
        } else {
            entry = (entry & (0xffff_ffff_0000_0000L | RTE_READ_ONLY)) | (v & ~RTE_READ_ONLY);
        }
        if ((entry & RTE_LEVEL) == 0) {
            entry &= ~RTE_REMOTE_IRR;
        }
        redirectionTable[pin] = entry;
        deliverPending();
    }

    private final class Inputs implements IrqHandler {
        @Override
        public void setIrq(int n, int level) {
            setInput(n, level);
        }

        /** Only an unmasked entry turns an input's intermediate levels into deliveries. */
        @Override
        public boolean levelChangesObserved(int n) {
            return (redirectionTable[pinOf(n)] & RTE_MASKED) == 0;
        }
    }

    private final class Window implements MmioOps {
        @Override
        public long read(long offset, int size) {
            return switch ((int) offset & OFFSET_MASK) {
                case IOREGSEL -> registerSelect;
                case IOWIN -> size == 4 ? readRegister(registerSelect) : 0;
                default -> 0;
            };
        }

        @Override
        public void write(long offset, long value, int size) {
            switch ((int) offset & OFFSET_MASK) {
                case IOREGSEL -> registerSelect = (int) value & 0xff;
                case IOWIN -> {
                    if (size == 4) {
                        writeRegister(registerSelect, value);
                    }
                }
                case EOI -> {
                    if (size == 4) {
                        eoiBroadcast((int) value & 0xff);
                    }
                }
                default -> {
                }
            }
        }
    }
}
