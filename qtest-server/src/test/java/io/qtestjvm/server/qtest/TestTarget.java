package io.qtestjvm.server.qtest;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.memory.AccessRules;
import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.Endianness;
import io.qtestjvm.memory.MemoryRegion;
import io.qtestjvm.memory.MmioOps;

import java.util.ArrayList;
import java.util.List;

/**
 * A small machine for engine tests: 1 MiB of RAM at 0, a little-endian 4-byte register bank at 0x1000_0000
 * (register i reads 0x11223344 + i), a byte port at 0x80 that latches what is written, and two devices with GPIO
 * lists under /machine.
 */
final class TestTarget implements QtestTarget {
    final QomObject root = new QomObject("container");
    final Clock clock = Clock.virtual();
    final MemoryRegion sys = MemoryRegion.containerOfWholeSpace("system");
    final MemoryRegion ioRoot = MemoryRegion.container("io", 0x10000);
    final AddressSpace memory;
    final AddressSpace io;
    final boolean big;
    final Pic pic = new Pic();
    final Pic other = new Pic();
    long port80;
    final List<String> regWrites = new ArrayList<>();
    final java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
    final InternalErrors internalErrors = new InternalErrors(new java.io.PrintStream(stderr, true));

    /** A device with 4 unnamed inputs, 2 inputs named "extra", 2 unnamed outputs and 1 output named "named". */
    static final class Pic extends Device {
        final int[] levels = new int[4];
        final GpioOut[] outs;
        final GpioOut[] named;

        Pic() {
            super("test-pic");
            initGpioIn(UNNAMED, (n, level) -> levels[n] = level, 4);
            initGpioIn("extra", (n, level) -> { }, 2);
            outs = initGpioOut(UNNAMED, 2);
            named = initGpioOut("named", 1);
        }

        @Override
        public void reset() {
        }
    }

    TestTarget(boolean bigEndian) {
        this.big = bigEndian;
        QomObject machine = root.addChild("machine", new QomObject("test-machine"));
        machine.addChild("pic", pic);
        machine.addChild("other", other);
        sys.addSubregion(0, MemoryRegion.ram("ram", 1 << 20));
        sys.addSubregion(0x1000_0000L, MemoryRegion.io("regs", 0x100, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return 0x11223344L + offset / 4;
            }

            @Override
            public void write(long offset, long value, int size) {
                regWrites.add(Long.toHexString(offset) + "=" + Long.toHexString(value) + "/" + size);
            }
        }, AccessRules.sizes(4, 4, Endianness.LITTLE)));
        ioRoot.addSubregion(0x80, MemoryRegion.io("port80", 1, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                return port80;
            }

            @Override
            public void write(long offset, long value, int size) {
                port80 = value;
            }
        }, AccessRules.sizes(1, 1, Endianness.LITTLE)));
        // a buggy device: every access throws, as a model with an index error would
        sys.addSubregion(0x7e00_0000L, MemoryRegion.io("buggy", 0x10, new MmioOps() {
            @Override
            public long read(long offset, int size) {
                throw new ArrayIndexOutOfBoundsException("buggy read " + offset);
            }

            @Override
            public void write(long offset, long value, int size) {
                throw new IllegalStateException("buggy write " + offset);
            }
        }, AccessRules.sizes(1, 4, Endianness.LITTLE)));
        memory = AddressSpace.memory("memory", sys, bigEndian);
        io = AddressSpace.io("io", ioRoot, bigEndian);
        // a timer so that an argument-less clock_step has a deadline
    }

    @Override
    public AddressSpace cpuMemory() {
        return memory;
    }

    @Override
    public AddressSpace ioPorts() {
        return io;
    }

    @Override
    public boolean bigEndian() {
        return big;
    }

    @Override
    public Clock virtualClock() {
        return clock;
    }

    @Override
    public QomObject qomRoot() {
        return root;
    }

    @Override
    public InternalErrors internalErrors() {
        return internalErrors;
    }

    Irq picIn(int n) {
        return pic.gpioIn(Device.UNNAMED, n);
    }
}
