package io.qtestjvm.devices.virtio;

/**
 * The virtio-blk device configuration layout (virtio 1.2 §5.2.4 struct virtio_blk_config) and request layout
 * (§5.2.6 struct virtio_blk_req, struct virtio_blk_discard_write_zeroes), in one place.
 *
 * <p>QEMU 7.2 exposes the structure up to and including {@code write_zeroes_may_unmap} (57 bytes; observed:
 * reads past it return all-ones), not the later secure-erase fields.
 */
final class BlkConfigLayout {
    static final int CAPACITY = 0x00;
    static final int SIZE_MAX = 0x08;
    static final int SEG_MAX = 0x0c;
    static final int GEOMETRY_CYLINDERS = 0x10;
    static final int GEOMETRY_HEADS = 0x12;
    static final int GEOMETRY_SECTORS = 0x13;
    static final int BLK_SIZE = 0x14;
    static final int PHYSICAL_BLOCK_EXP = 0x18;
    static final int ALIGNMENT_OFFSET = 0x19;
    static final int MIN_IO_SIZE = 0x1a;
    static final int OPT_IO_SIZE = 0x1c;
    static final int WRITEBACK = 0x20;
    static final int NUM_QUEUES = 0x22;
    static final int MAX_DISCARD_SECTORS = 0x24;
    static final int MAX_DISCARD_SEG = 0x28;
    static final int DISCARD_SECTOR_ALIGNMENT = 0x2c;
    static final int MAX_WRITE_ZEROES_SECTORS = 0x30;
    static final int MAX_WRITE_ZEROES_SEG = 0x34;
    static final int WRITE_ZEROES_MAY_UNMAP = 0x38;
    static final int SIZE = 0x39;
    /**
     * Every field of the structure as (offset, size) pairs in order, for a legacy big-endian driver's view of it
     * (each field in the guest's byte order; the byte at 0x21 is padding).
     */
    private static final int[] FIELDS = {CAPACITY, 8, SIZE_MAX, 4, SEG_MAX, 4, GEOMETRY_CYLINDERS, 2,
        GEOMETRY_HEADS, 1, GEOMETRY_SECTORS, 1, BLK_SIZE, 4, PHYSICAL_BLOCK_EXP, 1, ALIGNMENT_OFFSET, 1, MIN_IO_SIZE, 2,
        OPT_IO_SIZE, 4, WRITEBACK, 1, WRITEBACK + 1, 1, NUM_QUEUES, 2, MAX_DISCARD_SECTORS, 4, MAX_DISCARD_SEG, 4,
        DISCARD_SECTOR_ALIGNMENT, 4, MAX_WRITE_ZEROES_SECTORS, 4, MAX_WRITE_ZEROES_SEG, 4, WRITE_ZEROES_MAY_UNMAP, 1};

    /** The field holding byte {@code offset}, as {@code start << 8 | size} (a single byte past the structure). */
    static int field(int offset) {
        for (int i = 0; i < FIELDS.length; i += 2) {
            if (offset >= FIELDS[i] && offset < FIELDS[i] + FIELDS[i + 1]) {
                return FIELDS[i] << 8 | FIELDS[i + 1];
            }
        }
        return offset << 8 | 1;
    }

    /** §5.2.6 request header: le32 type, le32 reserved, le64 sector. */
    static final int REQ_TYPE = 0;
    static final int REQ_SECTOR = 8;
    static final int REQ_HEADER = 16;
    /** §5.2.6 struct virtio_blk_discard_write_zeroes: le64 sector, le32 num_sectors, le32 flags (bit 0 unmap). */
    static final int DWZ_SECTOR = 0;
    static final int DWZ_NUM = 8;
    static final int DWZ_FLAGS = 12;
    static final int DWZ_SIZE = 16;
    static final int DWZ_F_UNMAP = 1;

    /** §5.2.6 request types. */
    static final int T_IN = 0;
    static final int T_OUT = 1;
    static final int T_FLUSH = 4;
    static final int T_GET_ID = 8;
    static final int T_DISCARD = 11;
    static final int T_WRITE_ZEROES = 13;
    /** §5.2.6 status values. */
    static final int S_OK = 0;
    static final int S_IOERR = 1;
    static final int S_UNSUPP = 2;
    /** §5.2.6 VIRTIO_BLK_ID_BYTES. */
    static final int ID_BYTES = 20;
    static final int SECTOR = 512;

    private BlkConfigLayout() {
    }
}
