package io.qtestjvm.server.cli;

import io.qtestjvm.core.QemuOpts;

import java.util.Set;

/**
 * {@code -m [size=]SIZE[,slots=N][,maxmem=SIZE]} as QEMU 7.2 reads it: a bare number is MiB, 0 or no size means
 * the machine's default, and {@code slots} needs a {@code maxmem} above the initial size.
 *
 * @param size   RAM size in bytes, 0 when the machine's default applies
 * @param slots  hot-plug slots (0 when not given)
 * @param maxMem maximum memory in bytes, 0 when not given
 */
public record MemorySpec(long size, long slots, long maxMem) {
    private static final Set<String> KEYS = Set.of("size", "slots", "maxmem");

    public static MemorySpec parse(String arg) throws StartupException {
        QemuOpts o = QemuOpts.parse(arg, "size");
        OptionSupport.onlyKeys("m", arg, o, KEYS);
        long size = 0;
        if (o.get("size") != null) {
            size = OptionSupport.size("m", arg, "size", o.get("size"), 'M');
        }
        long slots = o.get("slots") == null ? 0 : OptionSupport.number("m", arg, "slots", o.get("slots"));
        long max = o.get("maxmem") == null ? 0 : OptionSupport.size("m", arg, "maxmem", o.get("maxmem"), 'M');
        return new MemorySpec(size, slots, max);
    }

    /** The machine-level checks, once the default RAM size is known (texts as QEMU 7.2 prints them). */
    public void check(long defaultRam) throws StartupException {
        long ram = size == 0 ? defaultRam : size;
        if (slots > 0 && maxMem == 0) {
            throw new StartupException("slots specified but no max-size");
        }
        if (maxMem != 0 && Long.compareUnsigned(maxMem, ram) < 0) {
            throw new StartupException("invalid value of maxmem: maximum memory size (0x" + Long.toHexString(maxMem)
                    + ") must be at least the initial memory size (0x" + Long.toHexString(ram) + ")");
        }
        if (maxMem != 0 && slots > 0 && maxMem == ram) {
            throw new StartupException("invalid value of maxmem: memory slots were specified but maximum memory "
                    + "size (0x" + Long.toHexString(maxMem) + ") is equal to the initial memory size (0x"
                    + Long.toHexString(ram) + ")");
        }
    }
}
