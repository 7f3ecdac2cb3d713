package io.qtestjvm.server.qtest;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.memory.AddressSpace;

/** What the qtest engine acts on: the first CPU's view of the machine. */
public interface QtestTarget {
    /** {@code first_cpu->as}: system memory including MMIO. */
    AddressSpace cpuMemory();

    /** The I/O port space (x86's 64 KiB of ports); empty on targets without ports. */
    AddressSpace ioPorts();

    boolean bigEndian();

    /** Completes the block requests still in flight, before the virtual clock moves. */
    default void finishBlockIo() {
    }

    /** QEMU_CLOCK_VIRTUAL. */
    Clock virtualClock();

    /** The QOM root ({@code /}), under which {@code /machine} lives. */
    QomObject qomRoot();

    /** Where the engine counts and logs the exceptions that escape a command ({@link InternalErrors}). */
    InternalErrors internalErrors();

    /** The RTAS of an sPAPR machine, which the {@code rtas} command calls; null where the machine has none. */
    default QtestRtas rtas() {
        return null;
    }
}
