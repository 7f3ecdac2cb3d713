package io.qtestjvm.devices.x86;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qtestjvm.memory.AddressSpace;
import io.qtestjvm.memory.MemoryRegion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FwCfgIoTest {
    private static final long RAM_SIZE = 128L << 20;

    private final MemoryRegion sysRoot = MemoryRegion.containerOfWholeSpace("system");
    private final AddressSpace mem = AddressSpace.memory("memory", sysRoot, false);
    private final PortIo io = new PortIo();
    private FwCfgIo fw;

    @BeforeEach
    void setUp() {
        sysRoot.addSubregion(0, MemoryRegion.ram("pc.ram", RAM_SIZE));
        fw = new FwCfgIo(mem);
        fw.addMachineItems(RAM_SIZE, 1, 1);
        fw.realize();
        io.map(FwCfgIo.IO_BASE, fw.ioRegion()).map(FwCfgIo.DMA_IO_BASE, fw.dmaRegion());
    }

    private int[] readBytes(int key, int n) {
        io.outw(0x510, key);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = io.inb(0x511);
        }
        return out;
    }

    @Test
    void transcriptSignatureRamSizeAndIdSequence() {
        assertArrayEquals(new int[] {0x51, 0x45, 0x4d, 0x55}, readBytes(0x0000, 4));
        assertArrayEquals(new int[] {0, 0, 0, 8, 0, 0, 0, 0}, readBytes(0x0003, 8));
        assertArrayEquals(new int[] {3, 0, 0, 0}, readBytes(0x0001, 4));
    }

    @Test
    void readsPastTheEndOfAnItemGiveZero() {
        assertArrayEquals(new int[] {0x51, 0x45, 0x4d, 0x55, 0, 0}, readBytes(0x0000, 6));
    }

    @Test
    void keyBeyondTheTableReadsZero() {
        assertArrayEquals(new int[] {0, 0}, readBytes(0x0040, 2));
        assertArrayEquals(new int[] {0, 0}, readBytes(0x0010, 2)); // in range but never added
    }

    @Test
    void resetSelectsTheSignature() {
        readBytes(0x0003, 3);
        fw.reset();
        assertEquals(0x51, io.inb(0x511));
    }

    @Test
    void wordReadOfTheSelectorIsInvalidAndConsumesNothing() {
        io.outw(0x510, 0);
        assertEquals(0, io.inw(0x510));
        assertEquals(0x51, io.inb(0x511));
        assertEquals(0x45, io.inb(0x510)); // byte reads of either port read data
    }

    @Test
    void cpuCountItemsAreLittleEndian16Bit() {
        assertArrayEquals(new int[] {1, 0, 0}, readBytes(FwCfgItems.NB_CPUS, 3));
        assertArrayEquals(new int[] {1, 0}, readBytes(FwCfgItems.MAX_CPUS, 2));
    }

    @Test
    void idWithoutDmaIsOneAndThereIsNoDmaRegion() {
        FwCfgIo plain = new FwCfgIo(null);
        plain.realize();
        PortIo p = new PortIo().map(FwCfgIo.IO_BASE, plain.ioRegion());
        p.outw(0x510, 1);
        assertEquals(1, p.inb(0x511));
        assertEquals(null, plain.dmaRegion());
    }

    @Test
    void dmaRegisterReadsTheSignatureBigEndian() {
        // bytes at 0x514.. are "QEMU CFG"; inl interprets them little-endian as x86 does
        assertEquals(0x554d4551L, io.inl(0x514));
        assertEquals(0x47464320L, io.inl(0x518));
        assertEquals('Q', io.inb(0x514));
    }

    @Test
    void fileDirectoryListsFilesSortedByNameWithBigEndianFields() {
        fw.items().addFile("etc/zz", new byte[] {1, 2, 3});
        fw.items().addFile("bootorder", new byte[] {9});
        int[] dir = readBytes(FwCfgItems.FILE_DIR, 4 + 3 * 64);
        assertEquals(3, dir[3]);
        assertEquals("bootorder", name(dir, 0));
        assertEquals("etc/boot-fail-wait", name(dir, 1));
        assertEquals("etc/zz", name(dir, 2));
        int e2 = 4 + 2 * 64;
        assertEquals(3, dir[e2 + 3]);                    // size, BE u32
        assertEquals(0x22, (dir[e2 + 4] << 8) | dir[e2 + 5]); // select, BE u16
        assertArrayEquals(new int[] {1, 2, 3}, readBytes(0x22, 3));
        assertArrayEquals(new int[] {0xff, 0xff, 0xff, 0xff}, readBytes(0x21, 4)); // boot-fail-wait = -1
    }

    private static String name(int[] dir, int i) {
        StringBuilder sb = new StringBuilder();
        for (int k = 4 + i * 64 + 8; dir[k] != 0; k++) {
            sb.append((char) dir[k]);
        }
        return sb.toString();
    }

    private void writeDmaAccess(long at, int control, int length, long address) {
        mem.store(at, 4, control & 0xffff_ffffL, true);
        mem.store(at + 4, 4, length & 0xffff_ffffL, true);
        mem.store(at + 8, 8, address, true);
    }

    /** As the firmware does it: outl(cpu_to_be32(high), 0x514); outl(cpu_to_be32(low), 0x518). */
    private void kickDma(long descriptor) {
        io.outl(0x514, Integer.reverseBytes((int) (descriptor >>> 32)) & 0xffff_ffffL);
        io.outl(0x518, Integer.reverseBytes((int) descriptor) & 0xffff_ffffL);
    }

    private long control(long descriptor) {
        return mem.load(descriptor, 4, true);
    }

    @Test
    void dmaSelectAndReadCopiesTheItemAndClearsControl() {
        writeDmaAccess(0x1000, (FwCfgItems.RAM_SIZE << 16) | FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_READ, 8,
                0x2000);
        kickDma(0x1000);
        assertEquals(0, control(0x1000));
        assertEquals(RAM_SIZE, mem.load(0x2000, 8, false));
    }

    @Test
    void dmaReadPastTheEndZeroFillsAndContinuesFromTheDataPort() {
        mem.fill(0x3000, 16, (byte) 0xaa);
        writeDmaAccess(0x1000, FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_READ, 6, 0x3000);
        kickDma(0x1000);
        assertEquals(0, control(0x1000));
        byte[] got = new byte[8];
        mem.read(0x3000, got, 0, 8);
        assertArrayEquals(new byte[] {'Q', 'E', 'M', 'U', 0, 0, (byte) 0xaa, (byte) 0xaa}, got);
    }

    @Test
    void dmaSkipAdvancesTheOffset() {
        writeDmaAccess(0x1000, (FwCfgItems.SIGNATURE << 16) | FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_SKIP, 2, 0);
        kickDma(0x1000);
        assertEquals(0, control(0x1000));
        assertEquals('M', io.inb(0x511));
    }

    @Test
    void dmaWriteToAReadOnlyItemSetsTheErrorBit() {
        writeDmaAccess(0x1000, (FwCfgItems.SIGNATURE << 16) | FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_WRITE, 4,
                0x2000);
        kickDma(0x1000);
        assertEquals(FwCfgIo.DMA_CTL_ERROR, control(0x1000));
    }

    @Test
    void dmaWriteToAWritableFileStoresTheGuestData() {
        byte[] file = new byte[4];
        fw.items().addFile("etc/writable", file, true);
        mem.store(0x2000, 4, 0x04030201L, false);
        writeDmaAccess(0x1000, (0x21 << 16) | FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_WRITE, 4, 0x2000);
        kickDma(0x1000);
        assertEquals(0, control(0x1000));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, file);
    }

    @Test
    void dmaReadIntoUnassignedMemorySetsTheErrorBit() {
        writeDmaAccess(0x1000, FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_READ, 4, 0xf000_0000L);
        kickDma(0x1000);
        assertEquals(FwCfgIo.DMA_CTL_ERROR, control(0x1000));
    }

    @Test
    void dmaDescriptorInUnassignedMemoryIsDroppedWithoutHarm() {
        kickDma(0xf000_0000L);
        assertEquals(0x51, readBytes(0, 1)[0]);
    }

    @Test
    void a64BitWriteOfTheAddressStartsTheTransfer() {
        writeDmaAccess(0x1000, (FwCfgItems.ID << 16) | FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_READ, 4, 0x2000);
        mem.store(0x500, 8, 0x1000, true);
        byte[] be = new byte[8];
        mem.read(0x500, be, 0, 8);
        io.as.write(0x514, be, 0, 8); // one 8-byte access of the big-endian address bytes
        assertEquals(0, control(0x1000));
        assertEquals(3, mem.load(0x2000, 4, false));
    }

    @Test
    void stringItemsKeepTheirTerminator() {
        fw.items().addString(0x06, "ab");
        assertArrayEquals(new int[] {'a', 'b', 0, 0}, readBytes(0x06, 4));
    }

    @Test
    void aByteReadOfTheSelectorPortAlsoReadsTheDataRegister() {
        io.outw(0x510, FwCfgItems.SIGNATURE);
        assertEquals('Q', io.inb(0x510));
        assertEquals('E', io.inb(0x511));
    }

    @Test
    void dmaWithoutAnOperationOnlySelects() {
        writeDmaAccess(0x1000, (FwCfgItems.SIGNATURE << 16) | FwCfgIo.DMA_CTL_SELECT, 4, 0x2000);
        kickDma(0x1000);
        assertEquals(0, control(0x1000));
        assertEquals('Q', io.inb(0x511)); // selected, offset 0, nothing transferred
        assertEquals(0, mem.load(0x2000, 4, false));
    }

    @Test
    void dmaWriteLongerThanTheWritableFileIsRefused() {
        byte[] file = new byte[4];
        fw.items().addFile("etc/writable", file, true);
        mem.store(0x2000, 8, -1L, false);
        writeDmaAccess(0x1000, (0x21 << 16) | FwCfgIo.DMA_CTL_SELECT | FwCfgIo.DMA_CTL_WRITE, 8, 0x2000);
        kickDma(0x1000);
        assertEquals(FwCfgIo.DMA_CTL_ERROR, control(0x1000));
        assertArrayEquals(new byte[4], file);
    }
}
