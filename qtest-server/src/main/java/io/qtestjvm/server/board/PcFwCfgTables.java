package io.qtestjvm.server.board;

import io.qtestjvm.devices.x86.FwCfgItems;
import io.qtestjvm.server.cli.MemorySpec;
import io.qtestjvm.server.cli.SmpSpec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * The fw_cfg items and files the pc board describes itself with to firmware, as Debian's QEMU 7.2 lists them for
 * {@code pc} (docs/specs/fw_cfg.rst for the interface; the layouts below are the firmware's, all little-endian).
 * The comparison with QEMU is {@code FwCfgDirectoryVsQemuTest}; what QEMU lists that the stand-in cannot build
 * is written there.
 * <ul>
 *   <li>FW_CFG_MAX_CPUS is the APIC ID limit ({@link X86Topology}), FW_CFG_NUMA u64 node count, then the node of
 *       every APIC ID below that limit, then each node's memory size.</li>
 *   <li>{@code etc/e820}: 20-byte entries (u64 address, u64 length, u32 type: 1 RAM, 2 reserved): first, on CPUs of
 *       AMD's vendor with 40 physical address bits (x86_64's qemu64, max, phenom, Opteron, EPYC under TCG), the reserved
 *       HyperTransport range 0xfd_0000_0000 + 12 GiB; then RAM below 4 GiB and RAM above it.</li>
 *   <li>{@code etc/reserved-memory-end} (u64), with {@code -m ...,slots=}: the end of the hot-plug memory area,
 *       which starts at the first 1 GiB boundary after the RAM above 4 GiB and spans maxmem - RAM plus 1 GiB per
 *       slot.</li>
 *   <li>{@code etc/system-states}: the ACPI sleep states S0-S5 one byte each, bit 7 "enabled", low bits the
 *       PIIX4 PM's SLP_TYP value: S3 as 1, S4 as 2 (the PIIX4 PM defaults; S1 and S2 absent).</li>
 *   <li>{@code bootorder}, {@code bios-geometry}, {@code etc/tpm/log}: empty (no device has a boot index, no
 *       disk geometry, no TPM).</li>
 *   <li>Arch item IRQ0_OVERRIDE: 1 (the PIT's IRQ 0 arrives on I/O APIC pin 2).</li>
 * </ul>
 */
final class PcFwCfgTables {
    static final int E820_RAM = 1;
    static final int E820_RESERVED = 2;
    static final int E820_ENTRY = 20;
    static final long AMD_HT_START = 0xfd_0000_0000L;
    static final long AMD_HT_SIZE = 0x3_0000_0000L;
    static final long FOUR_GIB = 1L << 32;
    static final long GIB = 1L << 30;
    /** TCG CPU models with AMD's vendor string and 40 physical address bits. */
    private static final Set<String> AMD_MODELS = Set.of("qemu64", "max", "phenom");
    private static final byte[] SYSTEM_STATES = {(byte) 0x80, 0, 0, (byte) 0x81, (byte) 0x82, (byte) 0x80};

    private PcFwCfgTables() {
    }

    static void add(FwCfgItems items, MachineConfig config, long below4g, long above4g) {
        SmpSpec.Topology topo = config.topology();
        int apicLimit = X86Topology.apicIdLimit(topo);
        items.addI16(FwCfgItems.NB_CPUS, topo.cpus());
        items.addI16(FwCfgItems.MAX_CPUS, apicLimit);
        items.addBytes(FwCfgItems.NUMA, numa(config.numa(), topo, apicLimit));
        items.addI32(FwCfgItems.X86_IRQ0_OVERRIDE, 1);
        items.addFile("bios-geometry", new byte[0]);
        items.addFile("bootorder", new byte[0]);
        items.addFile("etc/tpm/log", new byte[0]);
        items.addFile("etc/system-states", SYSTEM_STATES.clone());
        items.addFile("etc/e820", e820(config, below4g, above4g));
        MemorySpec mem = config.memory();
        if (mem.slots() > 0 && mem.maxMem() > 0) {
            long base = (FOUR_GIB + above4g + GIB - 1) / GIB * GIB;
            long ram = below4g + above4g;
            items.addFile("etc/reserved-memory-end", le64(base + mem.maxMem() - ram + GIB * mem.slots()));
        }
    }

    static byte[] numa(NumaConfig numa, SmpSpec.Topology topo, int apicLimit) {
        ByteBuffer b = ByteBuffer.allocate(8 * (1 + apicLimit + numa.nodes())).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, numa.nodes());
        if (numa.nodes() > 0) {
            for (int cpu = 0; cpu < topo.maxCpus(); cpu++) {
                b.putLong(8 * (1 + X86Topology.apicId(topo, cpu)), numa.nodeOf(cpu));
            }
            for (int n = 0; n < numa.nodes(); n++) {
                b.putLong(8 * (1 + apicLimit + n), numa.nodeMemory(n));
            }
        }
        return b.array();
    }

    static byte[] e820(MachineConfig config, long below4g, long above4g) {
        String model = config.cpu();
        // qemu-system-i386's CPUs have 36 physical address bits: never the hole there
        boolean amdHole = config.arch().equals("x86_64") && (model == null || amd(model));
        int entries = (amdHole ? 1 : 0) + 1 + (above4g > 0 ? 1 : 0);
        ByteBuffer b = ByteBuffer.allocate(E820_ENTRY * entries).order(ByteOrder.LITTLE_ENDIAN);
        if (amdHole) {
            b.putLong(AMD_HT_START).putLong(AMD_HT_SIZE).putInt(E820_RESERVED);
        }
        b.putLong(0).putLong(below4g).putInt(E820_RAM);
        if (above4g > 0) {
            b.putLong(FOUR_GIB).putLong(above4g).putInt(E820_RAM);
        }
        return b.array();
    }

    private static boolean amd(String model) {
        String base = model.replaceFirst("-v\\d+$", "");
        return AMD_MODELS.contains(base) || base.startsWith("Opteron_") || base.startsWith("EPYC");
    }

    private static byte[] le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
