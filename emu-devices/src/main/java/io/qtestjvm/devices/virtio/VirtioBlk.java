package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.BlkConfigLayout.*;
import static io.qtestjvm.devices.virtio.VirtioFeatures.bit;

import io.qtestjvm.devices.block.BlockBackend;
import io.qtestjvm.devices.block.BlockPolicy;
import io.qtestjvm.devices.block.BlockResult;
import io.qtestjvm.devices.block.InflightIo;
import java.nio.charset.StandardCharsets;

/**
 * The virtio block device (virtio 1.2 §5.2, device ID 2) over a {@link BlockBackend}: read, write, flush (the
 * backend's fsync), get-id, discard and write-zeroes requests (§5.2.6), with the configuration space of §5.2.4.
 *
 * <p>QEMU 7.2 facts (observed on Debian's QEMU with {@code -device virtio-blk-pci}, 64 MiB raw image):
 * <ul>
 * <li>offered device bits: SEG_MAX, GEOMETRY, BLK_SIZE, FLUSH, TOPOLOGY, CONFIG_WCE, DISCARD, WRITE_ZEROES; MQ only
 * with more than one queue, RO for a read-only drive; transport bits NOTIFY_ON_EMPTY, ANY_LAYOUT, INDIRECT_DESC,
 * EVENT_IDX, the legacy "bad feature" bit 30, VERSION_1 and RING_RESET (legacy host features 0x79006e54, modern
 * 0x30006e54 / 0x101);</li>
 * <li>config: seg_max = queue size − 2, geometry 16 heads × 63 sectors with capacity / 1008 cylinders,
 * blk_size 512, topology all zero, writeback 1, discard and write-zeroes limits 0x3fffff sectors in one segment,
 * discard alignment one sector, write_zeroes_may_unmap 1;</li>
 * <li>the used length is every device-writable byte of the request, whatever the status;</li>
 * <li>a request without a 16-byte header or a writable status byte is malformed (the device is marked broken);
 * an unknown type answers UNSUPP; a read or write past the end or not a whole number of sectors answers IOERR;
 * discard with any flag, write-zeroes with a flag other than UNMAP, or more than one segment, answers UNSUPP;
 * discard completes OK without touching the image (the drive's default {@code discard=ignore});</li>
 * <li>on a legacy-only transport ({@code disable-modern=on}) the offer drops ANY_LAYOUT and adds the legacy SCSI
 * bit 7 (host features 0x71006ed4); a SCSI command (type 2) answers UNSUPP.</li>
 * </ul>
 * The drive's block-layer options ({@link BlockPolicy}) decide the initial writeback field (0 for
 * {@code cache=writethrough}/{@code directsync}, which also flushes every write), whether FLUSH syncs the file
 * ({@code cache=unsafe} does not), whether DISCARD frees the range ({@code discard=unmap}: the range then reads as
 * zeros, written here as zeros since Java cannot punch holes) and how a host I/O error is answered
 * ({@code werror}/{@code rerror}: {@code ignore} completes OK, the others answer IOERR; QEMU's {@code stop} would
 * pause the VM and retry the request on {@code cont}, which this model does not do).
 *
 * <p>Completion timing, as QEMU 7.2's (observed on Debian's QEMU; pinned by {@code VirtioBlkCompletionTimingTest}):
 * a request handed to the block layer (read, write, flush, and a discard or write-zeroes that passed its checks)
 * completes after the notification that started it has returned: its status byte, used entry and interrupt come
 * from the machine's main loop ({@link InflightIo}), never inside the notify. With the {@code ioeventfd} property
 * on (QEMU's default, also under TCG and qtest) the notification itself only signals an event the main loop serves,
 * so no request at all completes inside the notify; with {@code ioeventfd=off} the queue is served inside the
 * notify and a request answered without the block layer (get-id, an unknown type, a range or flag error) completes
 * there, overtaking earlier block requests in the used ring. The data move when the request is served: a completed
 * write is already in the file (positional writes, no buffering in the JVM), a FLUSH has reached the backend's
 * fsync before it completes.
 */
public final class VirtioBlk extends VirtioDevice implements InflightIo.Owner {
    public static final int DEVICE_ID = 2;
    /** §5.2.3 feature bits. */
    public static final int F_SIZE_MAX = 1;
    /** §5.2.3.1 legacy: SCSI packet command support. */
    public static final int F_SCSI = 7;
    public static final int F_SEG_MAX = 2;
    public static final int F_GEOMETRY = 4;
    public static final int F_RO = 5;
    public static final int F_BLK_SIZE = 6;
    public static final int F_FLUSH = 9;
    public static final int F_TOPOLOGY = 10;
    public static final int F_CONFIG_WCE = 11;
    public static final int F_MQ = 12;
    public static final int F_DISCARD = 13;
    public static final int F_WRITE_ZEROES = 14;
    public static final long DISCARD_LIMIT = 0x3fffff;
    private static final int CHUNK = 64 * 1024;

    private final BlockBackend drive;
    private final Options options;
    private final BlockPolicy policy;
    private final byte[] header = new byte[REQ_HEADER];
    private final byte[] chunk = new byte[CHUNK];
    /** What a discard or write-zeroes request writes; made at the first, never written. */
    private byte[] zeros;
    private final byte[] status = new byte[1];
    private final byte[] serial;
    private int writeback = 1;
    private final GuestMemory memory;
    /** Null: every request completes inside the notify (a device used without a machine's main loop). */
    private final InflightIo inflight;
    /** Requests handed to the block layer and not completed yet, in submission order (a ring of parallel arrays). */
    private final int[] pendingQueue;
    private final int[] pendingHead;
    private final int[] pendingDescriptors;
    private final long[] pendingWritten;
    private final long[] pendingStatusAt;
    private final byte[] pendingStatus;
    private int pendingFirst;
    private int pendingCount;
    /** {@code ioeventfd=on}: a notification is served by the main loop, not inside the register write. */
    private final boolean ioeventfd;
    /** Queues notified and not served yet (ioeventfd). */
    private final boolean[] notified;
    /** Set by the request handlers when the request reached the block layer. */
    private boolean submitted;

    /** The device properties QEMU has for virtio-blk (see {@code -device virtio-blk-pci,help}). */
    public record Options(int numQueues, int queueSize, boolean eventIdx, boolean indirectDesc, boolean packed,
            boolean discard, boolean writeZeroes, String serial) {
        public static Options defaults() {
            return new Options(1, 256, true, true, false, true, true, "");
        }
    }

    public VirtioBlk(GuestMemory memory, BlockBackend drive, Options options) {
        this(memory, drive, options, BlockPolicy.DEFAULT);
    }

    /** A device over {@code drive} that follows the drive's block-layer options ({@link BlockPolicy}). */
    public VirtioBlk(GuestMemory memory, BlockBackend drive, Options options, BlockPolicy policy) {
        this(memory, drive, options, policy, null, false);
    }

    /**
     * A device whose block requests complete from the machine's main loop ({@code inflight}), as QEMU's
     * asynchronous I/O does, and whose notifications that loop serves too when {@code ioeventfd} is on; with a null
     * {@code inflight} everything completes inside the notify.
     */
    public VirtioBlk(GuestMemory memory, BlockBackend drive, Options options, BlockPolicy policy,
            InflightIo inflight, boolean ioeventfd) {
        super(DEVICE_ID, memory, sizes(options));
        this.memory = memory;
        this.inflight = inflight;
        this.ioeventfd = ioeventfd && inflight != null;
        this.notified = new boolean[Math.max(1, options.numQueues())];
        int room = inflight == null ? 0 : Math.max(1, options.numQueues()) * options.queueSize();
        pendingQueue = new int[room];
        pendingHead = new int[room];
        pendingDescriptors = new int[room];
        pendingWritten = new long[room];
        pendingStatusAt = new long[room];
        pendingStatus = new byte[room];
        this.drive = drive;
        this.options = options;
        this.policy = policy;
        this.writeback = policy.writeCache() ? 1 : 0;
        this.serial = options.serial() == null ? new byte[0] : options.serial().getBytes(StandardCharsets.UTF_8);
        setHostFeatures(features(options, drive.readOnly()));
    }

    private static int[] sizes(Options o) {
        int[] s = new int[Math.max(1, o.numQueues())];
        java.util.Arrays.fill(s, o.queueSize());
        return s;
    }

    private static long features(Options o, boolean readOnly) {
        long f = bit(F_SEG_MAX) | bit(F_GEOMETRY) | bit(F_BLK_SIZE) | bit(F_FLUSH) | bit(F_TOPOLOGY)
                | bit(F_CONFIG_WCE);
        if (o.discard()) {
            f |= bit(F_DISCARD);
        }
        if (o.writeZeroes()) {
            f |= bit(F_WRITE_ZEROES);
        }
        if (o.numQueues() > 1) {
            f |= bit(F_MQ);
        }
        if (readOnly) {
            f |= bit(F_RO);
        }
        f |= bit(VirtioFeatures.NOTIFY_ON_EMPTY) | bit(VirtioFeatures.ANY_LAYOUT) | bit(VirtioFeatures.BAD_FEATURE)
                | bit(VirtioFeatures.VERSION_1) | bit(VirtioFeatures.RING_RESET);
        if (o.indirectDesc()) {
            f |= bit(VirtioFeatures.INDIRECT_DESC);
        }
        if (o.eventIdx()) {
            f |= bit(VirtioFeatures.EVENT_IDX);
        }
        if (o.packed()) {
            f |= bit(VirtioFeatures.RING_PACKED);
        }
        return f;
    }

    /** QEMU 7.2 fact: a legacy-only virtio-blk offers SCSI (7) and not ANY_LAYOUT (27). */
    @Override
    public void offeredWithoutVersion1() {
        setHostFeatures((hostFeatures() & ~bit(VirtioFeatures.ANY_LAYOUT)) | bit(F_SCSI));
    }

    public Options options() {
        return options;
    }

    public BlockBackend drive() {
        return drive;
    }

    /** The capacity in 512-byte sectors (§5.2.4). */
    public long capacity() {
        return drive.size() / SECTOR;
    }

    /** The image was resized (QMP block_resize): the capacity field changed (§5.2.4, §2.5.1). */
    public void capacityChanged() {
        configChanged();
    }

    @Override
    protected void deviceReset() {
        writeback = policy.writeCache() ? 1 : 0;
    }

    @Override
    public int configSize() {
        return SIZE;
    }

    @Override
    protected int configByte(int offset) {
        long cap = capacity();
        return switch (offset) {
            case CAPACITY, CAPACITY + 1, CAPACITY + 2, CAPACITY + 3, CAPACITY + 4, CAPACITY + 5, CAPACITY + 6,
                    CAPACITY + 7 -> (int) (cap >>> (8 * (offset - CAPACITY)));
            case SEG_MAX, SEG_MAX + 1, SEG_MAX + 2, SEG_MAX + 3 -> le(options.queueSize() - 2, offset - SEG_MAX);
            case GEOMETRY_CYLINDERS, GEOMETRY_CYLINDERS + 1 -> le(cylinders(cap), offset - GEOMETRY_CYLINDERS);
            case GEOMETRY_HEADS -> 16;
            case GEOMETRY_SECTORS -> 63;
            case BLK_SIZE, BLK_SIZE + 1, BLK_SIZE + 2, BLK_SIZE + 3 -> le(SECTOR, offset - BLK_SIZE);
            case WRITEBACK -> writeback;
            case NUM_QUEUES, NUM_QUEUES + 1 -> le(queueCount(), offset - NUM_QUEUES);
            case MAX_DISCARD_SECTORS, MAX_DISCARD_SECTORS + 1, MAX_DISCARD_SECTORS + 2, MAX_DISCARD_SECTORS + 3 ->
                    le(DISCARD_LIMIT, offset - MAX_DISCARD_SECTORS);
            case MAX_DISCARD_SEG, DISCARD_SECTOR_ALIGNMENT, MAX_WRITE_ZEROES_SEG, WRITE_ZEROES_MAY_UNMAP -> 1;
            case MAX_WRITE_ZEROES_SECTORS, MAX_WRITE_ZEROES_SECTORS + 1, MAX_WRITE_ZEROES_SECTORS + 2,
                    MAX_WRITE_ZEROES_SECTORS + 3 -> le(DISCARD_LIMIT, offset - MAX_WRITE_ZEROES_SECTORS);
            default -> 0;
        };
    }

    private static int le(long v, int byteIndex) {
        return (int) (v >>> (8 * byteIndex)) & 0xff;
    }

    /** A guessed CHS geometry: 16 heads, 63 sectors, cylinders clamped to 2..16383. */
    private static long cylinders(long sectors) {
        return Math.max(2, Math.min(16383, sectors / (16 * 63)));
    }

    /** §5.2.4 writeback is the one writable field (VIRTIO_BLK_F_CONFIG_WCE). */
    @Override
    protected void writeConfigByte(int offset, int value) {
        if (offset == WRITEBACK) {
            writeback = value == 0 ? 0 : 1;
        }
    }

    @Override
    protected long process(Virtqueue q, ChainRequest r) {
        long writable = r.writableBytes();
        if (r.readableBytes() < REQ_HEADER || writable < 1) {
            markBroken(RingFault.MISSING_HEADERS);
            return -1;
        }
        r.read(0, header, 0, REQ_HEADER);
        int type = (int) driverField(header, REQ_TYPE, 4);
        long sector = driverField(header, REQ_SECTOR, 8);
        submitted = false;
        int st = switch (type) {
            case T_IN -> readSectors(r, sector, writable - 1);
            case T_OUT -> writeSectors(r, sector, r.readableBytes() - REQ_HEADER);
            case T_FLUSH -> flush();
            case T_GET_ID -> getId(r, writable - 1);
            case T_DISCARD -> negotiated(F_DISCARD) ? discardOrZero(r, false) : S_UNSUPP;
            case T_WRITE_ZEROES -> negotiated(F_WRITE_ZEROES) ? discardOrZero(r, true) : S_UNSUPP;
            default -> S_UNSUPP;
        };
        if (submitted && inflight != null && pendingCount < pendingQueue.length) {
            int slot = (pendingFirst + pendingCount) % pendingQueue.length;
            pendingQueue[slot] = q.index();
            pendingHead[slot] = r.head();
            pendingDescriptors[slot] = r.descriptorCount();
            pendingWritten[slot] = writable;
            pendingStatusAt[slot] = r.writableAddress(writable - 1);
            pendingStatus[slot] = (byte) st;
            pendingCount++;
            inflight.schedule(this);
            return IN_FLIGHT;
        }
        status[0] = (byte) st;
        r.write(writable - 1, status, 0, 1);
        return writable;
    }

    /** With ioeventfd the notification is an event for the main loop (§4.1.4.4 leaves the timing to the device). */
    @Override
    protected void queueNotified(Virtqueue q) {
        if (ioeventfd) {
            notified[q.index()] = true;
            inflight.schedule(this);
            return;
        }
        drain(q);
    }

    /**
     * The main loop's turn: notified queues are served, then every request in flight writes its status byte, goes
     * to the used ring and interrupts.
     */
    @Override
    public void completeInflight() {
        for (int i = 0; i < notified.length; i++) {
            if (notified[i]) {
                notified[i] = false;
                Virtqueue q = queue(i);
                if (q != null && q.enabled() && !broken()) {
                    drain(q);
                }
            }
        }
        while (pendingCount > 0) {
            int slot = pendingFirst;
            pendingFirst = (pendingFirst + 1) % pendingQueue.length;
            pendingCount--;
            status[0] = pendingStatus[slot];
            if (pendingStatusAt[slot] != -1) {
                memory.write(pendingStatusAt[slot], status, 0, 1);
            }
            Virtqueue q = queue(pendingQueue[slot]);
            if (q != null) {
                publishUsed(q, pendingHead[slot], pendingWritten[slot], pendingDescriptors[slot]);
            }
        }
    }

    /** A device reset waits for the block layer as QEMU's does: requests in flight complete first. */
    @Override
    protected void finishInflight() {
        completeInflight();
    }

    /** Whether {@code bytes} at {@code sector} is whole sectors inside the image. */
    private boolean rangeOk(long sector, long bytes) {
        if (bytes % SECTOR != 0 || sector < 0 || sector > Long.MAX_VALUE / SECTOR) {
            return false;
        }
        return BlockBackend.inRange(sector * SECTOR, 0, drive.size()) && bytes <= drive.size() - sector * SECTOR;
    }

    private int readSectors(ChainRequest r, long sector, long bytes) {
        if (!rangeOk(sector, bytes)) {
            return S_IOERR;
        }
        submitted = true;
        long offset = sector * SECTOR;
        for (long done = 0; done < bytes; ) {
            int n = (int) Math.min(CHUNK, bytes - done);
            if (drive.read(offset + done, chunk, 0, n) != BlockResult.OK) {
                return policy.rerror().reported() ? S_IOERR : S_OK;
            }
            r.write(done, chunk, 0, n);
            done += n;
        }
        return S_OK;
    }

    private int writeSectors(ChainRequest r, long sector, long bytes) {
        if (!rangeOk(sector, bytes)) {
            return S_IOERR;
        }
        submitted = true;
        if (drive.readOnly()) {
            return S_IOERR;
        }
        long offset = sector * SECTOR;
        for (long done = 0; done < bytes; ) {
            int n = (int) Math.min(CHUNK, bytes - done);
            r.read(REQ_HEADER + done, chunk, 0, n);
            if (drive.write(offset + done, chunk, 0, n) != BlockResult.OK) {
                return writeFailed();
            }
            done += n;
        }
        return writeback == 0 ? flush() : S_OK;
    }

    /** §5.2.6 VIRTIO_BLK_T_FLUSH: the backend's fsync, unless the drive says flushes stop in the host. */
    private int flush() {
        submitted = true;
        if (!policy.flushToDisk()) {
            return S_OK;
        }
        return drive.flush() == BlockResult.OK ? S_OK : writeFailed();
    }

    /** A failed write or flush under the drive's {@code werror} action. */
    private int writeFailed() {
        return policy.werror().reported() ? S_IOERR : S_OK;
    }

    /** §5.2.6: up to 20 bytes of the serial, zero-padded, truncated to the buffer. */
    private int getId(ChainRequest r, long room) {
        int n = (int) Math.min(ID_BYTES, room);
        java.util.Arrays.fill(chunk, 0, ID_BYTES, (byte) 0);
        System.arraycopy(serial, 0, chunk, 0, Math.min(serial.length, ID_BYTES));
        r.write(0, chunk, 0, n);
        return S_OK;
    }

    private int discardOrZero(ChainRequest r, boolean zeroes) {
        long payload = r.readableBytes() - REQ_HEADER;
        if (payload != DWZ_SIZE) {
            return S_UNSUPP;
        }
        r.read(REQ_HEADER, header, 0, DWZ_SIZE);
        long sector = driverField(header, DWZ_SECTOR, 8);
        long num = driverField(header, DWZ_NUM, 4);
        int flags = (int) driverField(header, DWZ_FLAGS, 4);
        if (zeroes ? (flags & ~DWZ_F_UNMAP) != 0 : flags != 0) {
            return S_UNSUPP;
        }
        if (num > DISCARD_LIMIT || !rangeOk(sector, num * SECTOR)) {
            return S_IOERR;
        }
        submitted = true;
        if (!zeroes && !policy.unmap()) {
            return S_OK;
        }
        if (drive.readOnly()) {
            return S_IOERR;
        }
        if (zeros == null) {
            zeros = new byte[CHUNK]; // zeroed by the JVM (a fill of the work buffer is 64 Ki interpreted stores)
        }
        long offset = sector * SECTOR;
        long bytes = num * SECTOR;
        for (long done = 0; done < bytes; ) {
            int n = (int) Math.min(CHUNK, bytes - done);
            if (drive.write(offset + done, zeros, 0, n) != BlockResult.OK) {
                return writeFailed();
            }
            done += n;
        }
        return S_OK;
    }

    /** §5.2.4: the fields of struct virtio_blk_config, for a legacy big-endian driver's view. */
    @Override
    protected int configField(int offset) {
        return BlkConfigLayout.field(offset);
    }
}
