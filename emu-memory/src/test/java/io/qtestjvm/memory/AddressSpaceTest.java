package io.qtestjvm.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dispatch as system/physmem.c (address_space_rw, memory_access_size) and system/memory.c
 * (memory_region_access_valid, access_with_adjusted_size) do it.
 */
class AddressSpaceTest {
    private static final HexFormat HEX = HexFormat.of();

    private final MemoryRegion root = MemoryRegion.containerOfWholeSpace("system");

    private AddressSpace space(boolean targetBig) {
        return AddressSpace.memory("memory", root, targetBig);
    }

    private RecordingOps mapIo(long addr, long size, AccessRules rules, RecordingOps ops) {
        root.addSubregion(addr, MemoryRegion.io("dev", size, ops, rules));
        return ops;
    }

    private static byte[] bytes(AddressSpace as, long addr, int len) {
        byte[] b = new byte[len];
        as.read(addr, b, 0, len);
        return b;
    }

    private static long decode(byte[] b, boolean big) {
        long v = 0;
        for (int k = 0; k < b.length; k++) {
            v |= (b[k] & 0xffL) << ((big ? b.length - 1 - k : k) * 8);
        }
        return v;
    }

    static Stream<Arguments> sizesAndOrders() {
        List<Arguments> out = new ArrayList<>();
        for (int size : new int[] {1, 2, 4, 8}) {
            out.add(Arguments.of(size, false));
            out.add(Arguments.of(size, true));
        }
        return out.stream();
    }

    // ------------------------------------------------------------------------------------------------- RAM

    @ParameterizedTest(name = "size {0} bigEndian {1}")
    @MethodSource("sizesAndOrders")
    void ramStoreLaysOutBytesInTheRequestedOrderAndLoadAgrees(int size, boolean big) {
        root.addSubregion(0x1000, MemoryRegion.ram("ram", 0x20000));
        AddressSpace as = space(false);
        long value = 0x0102030405060708L >>> ((8 - size) * 8);
        // at an ordinary address, across a 64 KiB chunk boundary of the RAM, and at an odd address
        for (long addr : new long[] {0x1000, 0x1000 + 0x10000 - 2, 0x1003}) {
            as.store(addr, size, value, big);
            byte[] b = bytes(as, addr, size);
            assertEquals(value, decode(b, big), "bytes at " + Long.toHexString(addr));
            assertEquals(value, as.load(addr, size, big));
            assertEquals(AddressSpace.swap(value, size), as.load(addr, size, !big));
        }
    }

    @Test
    void readOnlyRamIgnoresWrites() {
        MemoryRegion rom = root.addSubregion(0, MemoryRegion.ram("rom", 0x1000)).setReadOnly(true);
        rom.ram().store(0, 4, 0x11223344L, false);
        AddressSpace as = space(false);
        as.store(0, 4, 0xffffffffL, false);
        as.write(0, new byte[] {9, 9}, 0, 2);
        as.fill(0, 4, (byte) 7);
        assertEquals(0x11223344L, as.load(0, 4, false));
    }

    // -------------------------------------------------------------------------------------------- unassigned

    @ParameterizedTest(name = "size {0} bigEndian {1}")
    @MethodSource("sizesAndOrders")
    void unassignedMemoryReadsZeroAndIoSpaceReadsAllOnes(int size, boolean big) {
        AddressSpace mem = AddressSpace.memory("memory", root, false);
        AddressSpace io = AddressSpace.io("io", MemoryRegion.container("io", 0x10000), false);
        assertEquals(0L, mem.load(0x1234, size, big));
        long ones = size == 8 ? -1L : (1L << (size * 8)) - 1;
        assertEquals(ones, io.load(0x1234, size, big));
        mem.store(0x1234, size, -1L, big); // dropped, and must not throw
        assertEquals(0L, mem.load(0x1234, size, big));
    }

    // -------------------------------------------------------------------------------------- device byte order

    static Stream<Arguments> deviceOrders() {
        return Stream.of(
                Arguments.of(Endianness.LITTLE, false, "44332211"),
                Arguments.of(Endianness.LITTLE, true, "44332211"),
                Arguments.of(Endianness.BIG, false, "11223344"),
                Arguments.of(Endianness.BIG, true, "11223344"),
                Arguments.of(Endianness.NATIVE, false, "44332211"),
                Arguments.of(Endianness.NATIVE, true, "11223344"));
    }

    @ParameterizedTest(name = "{0} device, target big endian {1}")
    @MethodSource("deviceOrders")
    void registerValueAppearsInMemoryInTheDeviceByteOrder(Endianness e, boolean targetBig, String expected) {
        RecordingOps ops = mapIo(0x1000, 0x100, AccessRules.of(e), RecordingOps.constant(0x11223344L));
        AddressSpace as = space(targetBig);
        assertEquals(expected, HEX.formatHex(bytes(as, 0x1000, 4)));
        assertEquals(decode(HEX.parseHex(expected), false), as.load(0x1000, 4, false), "fast path, LE view");
        assertEquals(decode(HEX.parseHex(expected), true), as.load(0x1000, 4, true), "fast path, BE view");

        as.write(0x1000, HEX.parseHex(expected), 0, 4);
        as.store(0x1000, 4, decode(HEX.parseHex(expected), true), true);
        as.store(0x1000, 4, decode(HEX.parseHex(expected), false), false);
        assertEquals(List.of("r 0 4", "r 0 4", "r 0 4",
                "w 0 4 11223344", "w 0 4 11223344", "w 0 4 11223344"), ops.log);
    }

    @ParameterizedTest(name = "load bigEndian {0}")
    @ValueSource(booleans = {false, true})
    void eightByteLoadFromLittleDeviceWithMaxFourIsTwoAscendingReads(boolean big) {
        RecordingOps ops = mapIo(0x1000, 0x100, AccessRules.of(Endianness.LITTLE),
                new RecordingOps((off, size) -> off == 0 ? 0x33221100L : 0x77665544L));
        AddressSpace as = space(false);
        long v = as.load(0x1000, 8, big);
        assertEquals(big ? 0x0011223344556677L : 0x7766554433221100L, v);
        assertEquals(List.of("r 0 4", "r 4 4"), ops.log);
    }

    @ParameterizedTest(name = "store bigEndian {0}")
    @ValueSource(booleans = {false, true})
    void eightByteStoreToBigDeviceWithMaxFourWritesHalvesInAscendingOrder(boolean big) {
        RecordingOps ops = mapIo(0x1000, 0x100, AccessRules.of(Endianness.BIG), RecordingOps.constant(0));
        AddressSpace as = space(false);
        // memory bytes 00 11 22 .. 77: the BE device sees 0x00112233 at +0 and 0x44556677 at +4
        as.store(0x1000, 8, big ? 0x0011223344556677L : 0x7766554433221100L, big);
        assertEquals(List.of("w 0 4 112233", "w 4 4 44556677"), ops.log);
    }

    // ------------------------------------------------------------------------------- splitting at valid sizes

    /** A 4-byte access at an odd offset of a validMax-2 region: memory_access_size gives 1 + 2 + 1. */
    @ParameterizedTest(name = "via {0}")
    @ValueSource(strings = {"load", "read", "store", "write"})
    void fourByteAccessAtOddOffsetOfValidMaxTwoRegionIsCutByAlignment(String via) {
        RecordingOps ops = mapIo(0x1000, 0x100, AccessRules.sizes(1, 2, Endianness.LITTLE),
                new RecordingOps((off, size) -> size == 1 ? 0xa0 + off : 0xb2b1));
        AddressSpace as = space(false);
        switch (via) {
            case "load" -> assertEquals(0xa4b2b1a1L, as.load(0x1001, 4, false));
            case "read" -> assertEquals("a1b1b2a4", HEX.formatHex(bytes(as, 0x1001, 4)));
            case "store" -> as.store(0x1001, 4, 0x44332211L, false);
            default -> as.write(0x1001, HEX.parseHex("11223344"), 0, 4);
        }
        if (via.equals("load") || via.equals("read")) {
            assertEquals(List.of("r 1 1", "r 2 2", "r 4 1"), ops.log);
        } else {
            assertEquals(List.of("w 1 1 11", "w 2 2 3322", "w 4 1 44"), ops.log);
        }
    }

    @Test
    void unalignedAccessesGoWholeWhenTheRegionAcceptsThem() {
        RecordingOps ops = mapIo(0x1000, 0x100,
                new AccessRules(1, 4, true, 1, 4, Endianness.LITTLE), RecordingOps.constant(0x44332211L));
        AddressSpace as = space(false);
        assertEquals(0x44332211L, as.load(0x1001, 4, false));
        assertEquals(List.of("r 1 4"), ops.log);
    }

    @ParameterizedTest(name = "size {0}")
    @ValueSource(ints = {1, 2})
    void accessBelowValidMinIsADecodeErrorThatReadsZeroAndDropsWrites(int size) {
        RecordingOps ops = mapIo(0x1000, 0x100, AccessRules.sizes(4, 4, Endianness.LITTLE),
                RecordingOps.constant(0xffffffffL));
        AddressSpace as = space(false);
        assertEquals(0L, as.load(0x1000, size, false));
        assertEquals(0, bytes(as, 0x1000, size)[0]);
        as.store(0x1000, size, 0x55, false);
        as.write(0x1000, new byte[size], 0, size);
        assertTrue(ops.log.isEmpty(), () -> "no handler may run, got " + ops.log);
    }

    @Test
    void fourByteAccessOnlyRegionRejectsAMisalignedFourByteAccess() {
        // the offset's alignment cuts the access to 2 bytes, which the 4-only region refuses
        RecordingOps ops = mapIo(0x1000, 0x100, AccessRules.sizes(4, 4, Endianness.LITTLE),
                RecordingOps.constant(0xffffffffL));
        AddressSpace as = space(false);
        assertEquals(0L, as.load(0x1002, 4, false));
        assertTrue(ops.log.isEmpty(), () -> "no handler may run, got " + ops.log);
    }

    @Test
    void eightByteAccessGoesWholeToARegionThatAcceptsEight() {
        // an SMMU-like region: valid 4..8 (reference section 10: readq of IDR0 is one 8-byte read)
        RecordingOps ops = mapIo(0x1000, 0x100, AccessRules.sizes(4, 8, Endianness.LITTLE),
                RecordingOps.constant(0x1122334455667788L));
        AddressSpace as = space(false);
        assertEquals(0x1122334455667788L, as.load(0x1000, 8, false));
        assertEquals("8877665544332211", HEX.formatHex(bytes(as, 0x1000, 8)));
        assertEquals(List.of("r 0 8", "r 0 8"), ops.log);
    }

    // ------------------------------------------------------------------------------------ impl sizes

    static Stream<Arguments> splitOrders() {
        return Stream.of(
                Arguments.of(Endianness.LITTLE, false, 0x7766554433221100L),
                Arguments.of(Endianness.BIG, false, 0x3322110077665544L),
                Arguments.of(Endianness.NATIVE, false, 0x7766554433221100L),
                Arguments.of(Endianness.NATIVE, true, 0x3322110077665544L));
    }

    /** access_with_adjusted_size: a big-endian device (NATIVE on a BE target too) puts the low address high. */
    @ParameterizedTest(name = "{0} device, target big endian {1}")
    @MethodSource("splitOrders")
    void accessWiderThanImplMaxIsSplitInAscendingOrder(Endianness e, boolean targetBig, long expectedValue) {
        RecordingOps ops = new RecordingOps((off, size) -> off == 0 ? 0x33221100L : 0x77665544L);
        MemoryRegion mr = MemoryRegion.io("dev", 0x100, ops, AccessRules.sizes(1, 8, e).withImpl(4, 4));
        root.addSubregion(0x1000, mr);
        AddressSpace as = space(targetBig);
        boolean deviceBig = e.isBig(targetBig);
        // the value the device presents, seen in its own byte order, is the combination of the two halves
        assertEquals(expectedValue, as.load(0x1000, 8, deviceBig));
        assertEquals(List.of("r 0 4", "r 4 4"), ops.log);

        ops.log.clear();
        as.store(0x1000, 8, expectedValue, deviceBig);
        assertEquals(List.of("w 0 4 33221100", "w 4 4 77665544"), ops.log);
    }

    @ParameterizedTest(name = "{0} device")
    @CsvSource({"LITTLE, dd, 000000ab", "BIG, aa, ab000000"})
    void accessNarrowerThanImplMinIsWidened(Endianness e, String readByte, String written) {
        RecordingOps ops = RecordingOps.constant(0xaabbccddL);
        root.addSubregion(0x1000, MemoryRegion.io("dev", 0x100, ops, AccessRules.sizes(1, 4, e).withImpl(4, 4)));
        AddressSpace as = space(false);
        assertEquals(readByte, HEX.formatHex(bytes(as, 0x1000, 1)));
        as.store(0x1000, 1, 0xab, false);
        assertEquals(List.of("r 0 4", "w 0 4 " + Long.toHexString(Long.parseLong(written, 16))), ops.log);
    }

    // --------------------------------------------------------------------------- mixed ranges in one access

    @Test
    void byteArrayReadCrossesRamUnassignedAndIo() {
        MemoryRegion ram = root.addSubregion(0, MemoryRegion.ram("ram", 0x1000));
        RecordingOps ops = mapIo(0x1004, 0x4, AccessRules.of(Endianness.LITTLE),
                RecordingOps.constant(0x44332211L));
        ram.ram().store(0xffc, 4, 0xa3a2a1a0L, false);
        AddressSpace as = space(false);
        assertEquals("a0a1a2a3" + "00000000" + "11223344" + "00000000", HEX.formatHex(bytes(as, 0xffc, 16)));
        assertEquals(List.of("r 0 4"), ops.log);
        assertEquals(0x00000000a3a2a1a0L, as.load(0xffc, 8, false), "a load across the same boundary");

        ops.log.clear();
        as.write(0xffc, HEX.parseHex("b0b1b2b3" + "c0c1c2c3" + "d0d1d2d3"), 0, 12);
        assertEquals(0xb3b2b1b0L, ram.ram().load(0xffc, 4, false));
        assertEquals(List.of("w 0 4 d3d2d1d0"), ops.log);
    }

    @Test
    void ioSpaceReadAcrossAPortAndAGapMixesDeviceBytesAndAllOnes() {
        MemoryRegion ioRoot = MemoryRegion.container("io", 0x10000);
        ioRoot.addSubregion(0x510, MemoryRegion.io("fw_cfg", 2, RecordingOps.constant(0x0201),
                AccessRules.of(Endianness.LITTLE)));
        AddressSpace io = AddressSpace.io("io", ioRoot, false);
        assertEquals("ff0102ff", HEX.formatHex(bytes(io, 0x50f, 4)));
        assertEquals(0xff0201ffL, io.load(0x50f, 4, false));
    }

    @Test
    void fillWritesRamAndHandsIoTheSameAccessesAsAWriteOfTheFilledBytes() {
        MemoryRegion ram = root.addSubregion(0, MemoryRegion.ram("ram", 0x1000));
        // a 4-byte-only register block (like iommu-testdev's BAR): qtest memset is one address_space_write
        RecordingOps ops = mapIo(0x1008, 0x8, AccessRules.sizes(4, 4, Endianness.LITTLE), RecordingOps.constant(0));
        AddressSpace as = space(false);
        as.fill(0xffc, 0x14, (byte) 0xab);
        assertEquals(0xababababL, ram.ram().load(0xffc, 4, false));
        assertEquals(0L, ram.ram().load(0xff8, 4, false));
        assertEquals(List.of("w 0 4 abababab", "w 4 4 abababab"), ops.log);
    }

    @Test
    void fillOfAHugeRamRangeWithZeroAllocatesNothing() {
        MemoryRegion ram = root.addSubregion(0, MemoryRegion.ram("ram", 1L << 32));
        AddressSpace as = space(false);
        as.fill(0, 1L << 32, (byte) 0);
        assertEquals(0, ram.ram().allocatedChunks());
        as.fill(0x1_0000, 0x2_0000, (byte) 1);
        assertEquals(2, ram.ram().allocatedChunks());
        assertEquals(0x0101010101010101L, as.load(0x2_fff8, 8, false));
        assertEquals(0L, as.load(0x3_0000, 8, false));
    }

    @Test
    void accessNearTheTopOfTheSpaceDoesNotThrow() {
        root.addSubregion(0xffff_ffff_ffff_0000L, MemoryRegion.ram("top", 0x1_0000));
        AddressSpace as = space(false);
        as.store(-4L, 4, 0x11223344L, false);
        assertEquals(0x11223344L, as.load(-4L, 4, false));
        // 8 bytes from 2^64 - 4: the first four come from the top of RAM, the rest is address 0 (unassigned)
        assertEquals(0x11223344L, as.load(-4L, 8, false));
        as.store(-2L, 4, -1L, false);
    }

    @Test
    void ramBytesCountsTheRamRunFromAnAddress() {
        MemoryRegion root = MemoryRegion.containerOfWholeSpace("sys");
        root.addSubregion(0, MemoryRegion.ram("lo", 0x1000));
        root.addSubregion(0x1000, MemoryRegion.ram("hi", 0x1000));
        root.addSubregion(0x3000, MemoryRegion.io("mmio", 0x100, RecordingOps.constant(0),
                AccessRules.of(Endianness.LITTLE)));
        AddressSpace as = AddressSpace.memory("m", root, false);
        assertEquals(0x1800, as.ramBytes(0x800, 0x1800), "two adjacent RAM regions are one run");
        assertEquals(0x1800, as.ramBytes(0x800, 0x4000), "the run ends where RAM does");
        assertEquals(0, as.ramBytes(0x3000, 16), "MMIO is not RAM");
        assertEquals(0, as.ramBytes(0x8000, 16), "unassigned is not RAM");
    }
}
