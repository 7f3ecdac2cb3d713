package io.qtestjvm.devices.testdev;

import io.qtestjvm.core.Device;
import io.qtestjvm.core.Irq;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

/**
 * QEMU's ISA test device ({@code pc-testdev}, the device kvm-unit-tests and QEMU's endianness test drive). It has
 * no published specification; its layout and behaviour here are what Debian's QEMU 7.2 shows through
 * {@code info mtree} and qtest ({@code PcTestdevTest}):
 * <ul>
 * <li>a 32-bit scratch register at I/O port 0xe0 ({@code pc-testdev-ioport}, 4 ports, any size, any offset, stored
 * little-endian), and the same register again at 0xe8 ({@code pc-testdev-ioport-byte}) where every access is
 * carried out one byte at a time, so a word or long write lands as single-byte writes. A port access that runs past
 * the register (QEMU gives it whole to the region of its first port) drops the bytes beyond on a write and reads
 * them as 0 at 0xe0, as 0xff (an unassigned port) at 0xe8;</li>
 * <li>at 0xe4 ({@code pc-testdev-flush-page}, 4 ports) a long written names a guest page whose translations a CPU
 * would flush; no CPU runs here, so it has no effect, and it reads 0;</li>
 * <li>24 ports at 0x2000 ({@code pc-testdev-irq-line}): a write to 0x2000 + n sets ISA interrupt line n to the
 * value written (non-zero raises it); reads give 0. The ISA bus has 16 lines; QEMU 7.2 aborts on a write to
 * 0x2010-0x2017 (an assertion in its ISA bus), here such a write is ignored;</li>
 * <li>64 KiB of scratch memory at 0xff000000 in the ISA memory space ({@code pc-testdev-iomem}), any size up to
 * 8 bytes, any alignment, little-endian.</li>
 * </ul>
 * A reset keeps the register and the memory (QEMU's device has no reset handler).
 */
public final class PcTestdev extends Device {
    public static final String TYPE = "pc-testdev";
    public static final int IOPORT = 0xe0;
    public static final int FLUSH_PAGE = 0xe4;
    public static final int IOPORT_BYTE = 0xe8;
    public static final int IRQ_LINE = 0x2000;
    public static final int IRQ_LINES = 24;
    public static final long IOMEM = 0xff00_0000L;
    public static final int IOMEM_SIZE = 0x1_0000;
    private static final int REGISTER_BYTES = 4;

    private final byte[] register = new byte[REGISTER_BYTES];
    private final byte[] iomem = new byte[IOMEM_SIZE];
    private final MemoryRegion ioport;
    private final MemoryRegion flushPage;
    private final MemoryRegion ioportByte;
    private final MemoryRegion irqLine;
    private final MemoryRegion iomemRegion;
    private Irq[] isaIrqs = new Irq[0];

    public PcTestdev() {
        super(TYPE);
        MmioOps registerOps = new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return bytes(register, (int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                store(register, (int) offset, value, size);
            }
        };
        this.ioport = MemoryRegion.io("pc-testdev-ioport", REGISTER_BYTES, registerOps,
                AccessRules.of(Endianness.LITTLE).withUnaligned());
        this.ioportByte = MemoryRegion.io("pc-testdev-ioport-byte", REGISTER_BYTES, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                // a port access runs whole into the region of its first port; a byte past the register reads as
                // an unassigned port does
                return offset < REGISTER_BYTES ? bytes(register, (int) offset, size) : 0xff;
            }

            @Override
            public void write(long offset, long value, int size) {
                store(register, (int) offset, value, size);
            }
        }, AccessRules.of(Endianness.LITTLE).withUnaligned().withImpl(1, 1));
        this.flushPage = MemoryRegion.io("pc-testdev-flush-page", 4, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return 0;
            }

            @Override
            public void write(long offset, long value, int size) {
                // a TLB flush of the page at value: no CPU, no TLB
            }
        }, AccessRules.of(Endianness.LITTLE).withUnaligned());
        this.irqLine = MemoryRegion.io("pc-testdev-irq-line", IRQ_LINES, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return 0;
            }

            @Override
            public void write(long offset, long value, int size) {
                if (offset < isaIrqs.length) {
                    isaIrqs[(int) offset].set(value != 0 ? 1 : 0);
                }
            }
        }, new AccessRules(1, 4, true, 1, 4, Endianness.LITTLE));
        this.iomemRegion = MemoryRegion.io("pc-testdev-iomem", IOMEM_SIZE, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return bytes(iomem, (int) offset, size);
            }

            @Override
            public void write(long offset, long value, int size) {
                store(iomem, (int) offset, value, size);
            }
        }, new AccessRules(1, 8, true, 1, 8, Endianness.LITTLE));
    }

    /** Puts the ports into {@code isaIo}, the memory window into {@code isaMemory}, and takes the ISA IRQ lines. */
    public void attach(MemoryRegion isaIo, MemoryRegion isaMemory, Irq[] lines) {
        this.isaIrqs = lines.clone();
        isaIo.addSubregion(IOPORT, ioport);
        isaIo.addSubregion(FLUSH_PAGE, flushPage);
        isaIo.addSubregion(IOPORT_BYTE, ioportByte);
        isaIo.addSubregion(IRQ_LINE, irqLine);
        isaMemory.addSubregion(IOMEM, iomemRegion);
    }

    /** The 32-bit register (bytes 0xe0-0xe3, little-endian). */
    public long register() {
        return bytes(register, 0, REGISTER_BYTES);
    }

    private static long bytes(byte[] b, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size && offset + i < b.length; i++) {
            v |= (b[offset + i] & 0xffL) << (8 * i);
        }
        return v;
    }

    private static void store(byte[] b, int offset, long value, int size) {
        for (int i = 0; i < size && offset + i < b.length; i++) {
            b[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    @Override
    public void reset() {
        // no reset handler: the register and the memory keep their contents
    }
}
