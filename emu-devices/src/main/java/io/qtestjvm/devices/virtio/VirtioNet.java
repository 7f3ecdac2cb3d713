package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioFeatures.bit;

/**
 * The network device (virtio 1.2 §5.1, device ID 1): receiveq 0, transmitq 1 and the control queue 2 (§5.1.2),
 * the configuration space {@code mac} and {@code status} (§5.1.4), packets framed by {@code struct virtio_net_hdr}
 * (§5.1.6), received frames put into the driver's receive buffers (§5.1.6.4, one chain, or several with
 * VIRTIO_NET_F_MRG_RXBUF: §5.1.6.3.1), transmitted ones handed to the backend (§5.1.6.2), control commands answered
 * with an ack byte (§5.1.6.5): receive modes (§5.1.6.5.1), the MAC filter table and the MAC address (§5.1.6.5.2),
 * the VLAN filter (§5.1.6.5.3), the announcement acknowledgement (§5.1.6.5.4) and guest offloads (§5.1.6.5.6).
 * A legacy driver on a big-endian guest has the header's {@code num_buffers}, the MAC tables' counts and the VLAN
 * id in the guest's byte order (the legacy notes of §5.1.6 and §5.1.6.5), as it has the rings.
 *
 * <p>QEMU 7.2 facts (observed on Debian's QEMU, {@code -device virtio-net-pci} without a peer): legacy host
 * features 0x79bf8064, modern 0x30bf8024 / 0x101 (MAC, GSO (legacy only), MRG_RXBUF, STATUS, CTRL_VQ, CTRL_RX,
 * CTRL_VLAN, CTRL_RX_EXTRA, GUEST_ANNOUNCE, CTRL_MAC_ADDR, CTRL_GUEST_OFFLOADS; no checksum or offload bits without
 * a backend that takes the header); three queues (256, 256, 64); configuration space 8 bytes: MAC 52:54:00:12:34:56
 * by default and status LINK_UP; four MSI-X vectors.
 *
 * <p>Where QEMU departs from (or fills in) the specification, as looked up or observed:
 * <ul>
 * <li>Receive filter after reset: promiscuous on, every other mode off, both MAC tables empty; the VLAN table is
 * empty, and it only filters when VIRTIO_NET_F_CTRL_VLAN was negotiated. A table of more than 64 addresses sets
 * the overflow of its kind (all unicast, resp. all multicast accepted). A failed MAC_TABLE_SET changes nothing.</li>
 * <li>A frame that does not fit one receive chain without MRG_RXBUF is dropped and the chain stays available; with
 * MRG_RXBUF a frame waits until the ring holds enough buffers for all of it (nothing is written to the used ring
 * before that), as does any frame while the ring is empty or the VM is stopped.</li>
 * <li>Transmit: a frame longer than NET_BUFSIZE (4096 + 65536 bytes after the header) is dropped and its chain
 * returned with used length 0 (QEMU's large-tx rule); while the link is down frames are dropped; while the VM is
 * stopped the transmit queue is left alone and served when it runs again.</li>
 * <li>Announcement: with GUEST_ANNOUNCE and CTRL_VQ negotiated the device sets VIRTIO_NET_S_ANNOUNCE and signals a
 * configuration change; ANNOUNCE_ACK clears it and fails when it was not set.</li>
 * </ul>
 * Not modelled: offloads, multiqueue, RSS.
 */
public final class VirtioNet extends VirtioDevice {
    public static final int DEVICE_ID = 1;
    public static final int RX = 0;
    public static final int TX = 1;
    public static final int CTRL = 2;
    /** §5.1.3 feature bits. */
    public static final int F_CTRL_GUEST_OFFLOADS = 2;
    public static final int F_MAC = 5;
    public static final int F_GSO = 6;
    public static final int F_MRG_RXBUF = 15;
    public static final int F_STATUS = 16;
    public static final int F_CTRL_VQ = 17;
    public static final int F_CTRL_RX = 18;
    public static final int F_CTRL_VLAN = 19;
    public static final int F_CTRL_RX_EXTRA = 20;
    public static final int F_GUEST_ANNOUNCE = 21;
    public static final int F_CTRL_MAC_ADDR = 23;
    /** §5.1.4 status bits. */
    public static final int S_LINK_UP = 1;
    public static final int S_ANNOUNCE = 2;
    /** QEMU's NET_BUFSIZE: the largest frame its network layer carries. */
    public static final int NET_BUFSIZE = 4096 + 65536;
    /** What {@link #receive} did with a frame. */
    public static final int RX_DELIVERED = 1;
    public static final int RX_DROPPED = 0;
    public static final int RX_NO_BUFFER = -1;
    /** §5.1.6.5 control classes, commands and acks. */
    private static final int CLASS_RX = 0;
    private static final int CLASS_MAC = 1;
    private static final int CLASS_VLAN = 2;
    private static final int CLASS_ANNOUNCE = 3;
    private static final int CLASS_GUEST_OFFLOADS = 5;
    private static final int RX_PROMISC = 0;
    private static final int RX_ALLMULTI = 1;
    private static final int RX_ALLUNI = 2;
    private static final int RX_NOMULTI = 3;
    private static final int RX_NOUNI = 4;
    private static final int RX_NOBCAST = 5;
    private static final int MAC_TABLE_SET = 0;
    private static final int MAC_ADDR_SET = 1;
    private static final int VLAN_ADD = 0;
    private static final int VLAN_DEL = 1;
    private static final int ANNOUNCE_ACK = 0;
    private static final int OFFLOADS_SET = 0;
    private static final int ACK_OK = 0;
    private static final int ACK_ERR = 1;
    private static final int CONFIG_SIZE = 8;
    /** QEMU's MAC filter table size (unicast and multicast together). */
    private static final int MAC_TABLE_ENTRIES = 64;
    private static final int ETH_ALEN = 6;
    private static final int TPID_8021Q = 0x8100;

    /** Where transmitted frames go (a {@code -netdev}); the default drops them. */
    public interface Backend {
        void send(byte[] frame, int off, int len);
    }

    private final byte[] mac = new byte[ETH_ALEN];
    private final byte[] defaultMac;
    private final byte[] frame = new byte[NET_BUFSIZE];
    private final byte[] small = new byte[16];
    private final ChainRequest firstChain = new ChainRequest();
    private final ChainRequest nextChain = new ChainRequest();
    private final int[] mergedIds;
    private final long[] mergedLengths;
    private final int[] mergedDescriptors;
    private final RxFilter filter = new RxFilter();
    private final RxFilter staged = new RxFilter();
    private Backend backend = (f, o, l) -> { };
    private Runnable rxSpace = () -> { };
    private boolean linkUp = true;
    private boolean announcing;
    private boolean running = true;
    private boolean txWaiting;
    private long sent;

    public VirtioNet(GuestMemory memory, byte[] macAddress, int rxSize, int txSize, boolean eventIdx,
            boolean indirect, boolean packed) {
        super(DEVICE_ID, memory, new int[] {rxSize, txSize, 64});
        this.defaultMac = macAddress.clone();
        System.arraycopy(defaultMac, 0, mac, 0, ETH_ALEN);
        this.mergedIds = new int[rxSize];
        this.mergedLengths = new long[rxSize];
        this.mergedDescriptors = new int[rxSize];
        long f = bit(F_CTRL_GUEST_OFFLOADS) | bit(F_MAC) | bit(F_GSO) | bit(F_MRG_RXBUF) | bit(F_STATUS)
                | bit(F_CTRL_VQ) | bit(F_CTRL_RX) | bit(F_CTRL_VLAN) | bit(F_CTRL_RX_EXTRA) | bit(F_GUEST_ANNOUNCE)
                | bit(F_CTRL_MAC_ADDR) | bit(VirtioFeatures.NOTIFY_ON_EMPTY) | bit(VirtioFeatures.ANY_LAYOUT)
                | bit(VirtioFeatures.BAD_FEATURE) | bit(VirtioFeatures.VERSION_1) | bit(VirtioFeatures.RING_RESET);
        if (eventIdx) {
            f |= bit(VirtioFeatures.EVENT_IDX);
        }
        if (indirect) {
            f |= bit(VirtioFeatures.INDIRECT_DESC);
        }
        if (packed) {
            f |= bit(VirtioFeatures.RING_PACKED);
        }
        setHostFeatures(f);
    }

    /** §5.1.3.2: VIRTIO_NET_F_GSO is a legacy bit; QEMU hides it from the modern interface (observed). */
    @Override
    public long legacyOnlyFeatures() {
        return super.legacyOnlyFeatures() | bit(F_GSO);
    }

    public void setBackend(Backend backend) {
        this.backend = backend;
    }

    /**
     * What to call when frames that waited may be taken now: the driver made receive buffers available, or the VM
     * runs again (the network layer then offers its queued frames through {@link #receive}).
     */
    public void setReceiveSpaceListener(Runnable listener) {
        this.rxSpace = listener;
    }

    public byte[] mac() {
        return mac.clone();
    }

    /** The MAC address the device was created with (its {@code mac=} property), which announcements carry. */
    public byte[] permanentMac() {
        return defaultMac.clone();
    }

    public long framesSent() {
        return sent;
    }

    public boolean linkUp() {
        return linkUp;
    }

    /** §5.1.4 status: the link state ({@code set_link}); a change is a configuration change. */
    public void setLink(boolean up) {
        if (up != linkUp) {
            linkUp = up;
            configChanged();
        }
    }

    /**
     * The VM's run state: while stopped the device neither receives nor transmits; when it runs again the transmit
     * queue is served and waiting frames are offered.
     */
    public void setRunning(boolean run) {
        if (run == running) {
            return;
        }
        running = run;
        if (run) {
            if (txWaiting) {
                txWaiting = false;
                notifyQueue(TX);
            }
            rxSpace.run();
        }
    }

    /**
     * §5.1.4 / §5.1.6.5.4: asks the driver to announce itself (VIRTIO_NET_S_ANNOUNCE and a configuration change),
     * when it negotiated GUEST_ANNOUNCE and the control queue.
     */
    public void announce() {
        if (negotiated(F_GUEST_ANNOUNCE) && negotiated(F_CTRL_VQ)) {
            announcing = true;
            configChanged();
        }
    }

    public boolean announcePending() {
        return announcing;
    }

    /** §5.1.6.1: the header is 12 bytes with VERSION_1 or MRG_RXBUF, 10 for a legacy driver without it. */
    private int headerSize() {
        return negotiated(VirtioFeatures.VERSION_1) || negotiated(F_MRG_RXBUF) ? 12 : 10;
    }

    /** Whether a frame offered now could be looked at (it may still wait for buffers or be filtered). */
    public boolean canReceive() {
        Virtqueue q = queue(RX);
        return running && !broken() && (status() & DRIVER_OK) != 0 && q.enabled() && q.hasAvailable();
    }

    /**
     * §5.1.6.4: puts one received frame into the driver's receive buffers.
     *
     * @return {@link #RX_DELIVERED}; {@link #RX_DROPPED} when the link is down, the receive filter refuses it or
     *         it cannot fit one chain without MRG_RXBUF; {@link #RX_NO_BUFFER} when it must wait (VM stopped,
     *         driver not ready, not enough buffers)
     */
    public int receive(byte[] data, int off, int len) {
        if (!linkUp) {
            return RX_DROPPED;
        }
        if (!canReceive()) {
            return RX_NO_BUFFER;
        }
        if (!filter.accepts(data, off, len, mac, negotiated(F_CTRL_VLAN))) {
            return RX_DROPPED;
        }
        Virtqueue q = queue(RX);
        int hdr = headerSize();
        long total = hdr + (long) len;
        boolean mergeable = negotiated(F_MRG_RXBUF);
        int start = q.position();
        if (pop(q, firstChain) <= 0) {
            return broken() ? RX_DROPPED : RX_NO_BUFFER;
        }
        if (firstChain.writableBytes() == 0) {
            markBroken(RingFault.NET_RX_NO_IN);
            return RX_DROPPED;
        }
        // without MRG_RXBUF the frame must fit one chain; with it, the header must fit the first one
        if (firstChain.writableBytes() < hdr || (!mergeable && firstChain.writableBytes() < total)) {
            q.rewind(start);
            return RX_DROPPED;
        }
        // §5.1.6.4: the header (num_buffers filled in last), then the frame across as many chains as it needs
        java.util.Arrays.fill(small, (byte) 0);
        long firstPart = Math.min(firstChain.writableBytes(), total);
        firstChain.write(0, small, 0, hdr);
        int copied = (int) (firstPart - hdr);
        firstChain.write(hdr, data, off, copied);
        int chains = 1;
        mergedIds[0] = firstChain.head();
        mergedLengths[0] = firstPart;
        mergedDescriptors[0] = firstChain.descriptorCount();
        while (copied < len) {
            int rc = chains < mergedIds.length ? pop(q, nextChain) : 0;
            if (rc < 0) {
                return RX_DROPPED;
            }
            if (rc == 0) {
                q.rewind(start); // nothing was published: the frame waits for more buffers
                return RX_NO_BUFFER;
            }
            if (nextChain.writableBytes() == 0) {
                markBroken(RingFault.NET_RX_NO_IN);
                return RX_DROPPED;
            }
            int n = (int) Math.min(nextChain.writableBytes(), len - copied);
            nextChain.write(0, data, off + copied, n);
            copied += n;
            mergedIds[chains] = nextChain.head();
            mergedLengths[chains] = n;
            mergedDescriptors[chains] = nextChain.descriptorCount();
            chains++;
        }
        // §5.1.6.4: num_buffers is the number of chains used (1 without MRG_RXBUF, where the 12-byte header has it)
        if (hdr == 12) {
            putDriverField(small, 0, 2, chains);
            firstChain.write(10, small, 0, 2);
        }
        for (int i = 0; i < chains; i++) {
            q.push(mergedIds[i], mergedLengths[i], mergedDescriptors[i]);
        }
        signalUsed(q);
        return RX_DELIVERED;
    }

    @Override
    protected void queueNotified(Virtqueue q) {
        if (q.index() == RX) {
            rxSpace.run();
        } else if (q.index() == TX && !running) {
            txWaiting = true;
        } else {
            drain(q);
        }
    }

    @Override
    protected long process(Virtqueue q, ChainRequest r) {
        return q.index() == TX ? transmit(r) : control(r);
    }

    private long transmit(ChainRequest r) {
        int hdr = headerSize();
        if (r.readableBytes() < hdr) {
            markBroken(RingFault.NET_TX_HEADER);
            return -1;
        }
        long len = r.readableBytes() - hdr;
        if (len <= NET_BUFSIZE && linkUp) {
            r.read(hdr, frame, 0, (int) len);
            backend.send(frame, 0, (int) len);
            sent++;
        }
        return 0;
    }

    /** §5.1.6.5: {u8 class, u8 command}, command data, then one writable ack byte. */
    private long control(ChainRequest r) {
        if (r.readableBytes() < 2 || r.writableBytes() < 1) {
            markBroken(RingFault.NET_CTRL_HEADERS);
            return -1;
        }
        r.read(0, small, 0, 2);
        int cls = small[0] & 0xff;
        int cmd = small[1] & 0xff;
        long dataLen = r.readableBytes() - 2;
        int ack = switch (cls) {
            case CLASS_RX -> rxMode(r, cmd, dataLen);
            case CLASS_MAC -> macCommand(r, cmd, dataLen);
            case CLASS_VLAN -> vlan(r, cmd, dataLen);
            case CLASS_ANNOUNCE -> {
                if (cmd == ANNOUNCE_ACK && announcing) {
                    announcing = false;
                    yield ACK_OK;
                }
                yield ACK_ERR;
            }
            case CLASS_GUEST_OFFLOADS -> {
                if (cmd != OFFLOADS_SET || dataLen != 8 || !negotiated(F_CTRL_GUEST_OFFLOADS)) {
                    yield ACK_ERR;
                }
                r.read(2, small, 0, 8);
                boolean none = true;
                for (int i = 0; i < 8; i++) {
                    none &= small[i] == 0;
                }
                yield none ? ACK_OK : ACK_ERR; // no receive offload is offered without a header-taking backend
            }
            default -> ACK_ERR;
        };
        small[0] = (byte) ack;
        r.write(r.writableBytes() - 1, small, 0, 1);
        return r.writableBytes();
    }

    /** §5.1.6.5.1: one byte, on (non-zero) or off. */
    private int rxMode(ChainRequest r, int cmd, long dataLen) {
        if (dataLen != 1 || cmd > RX_NOBCAST) {
            return ACK_ERR;
        }
        r.read(2, small, 0, 1);
        boolean on = small[0] != 0;
        switch (cmd) {
            case RX_PROMISC -> filter.promiscuous = on;
            case RX_ALLMULTI -> filter.allMulticast = on;
            case RX_ALLUNI -> filter.allUnicast = on;
            case RX_NOMULTI -> filter.noMulticast = on;
            case RX_NOUNI -> filter.noUnicast = on;
            default -> filter.noBroadcast = on;
        }
        return ACK_OK;
    }

    /**
     * §5.1.6.5.2: MAC_ADDR_SET (six bytes) or MAC_TABLE_SET (two tables, each a 32-bit count and the entries; the
     * count in the guest's order from a legacy driver, as every field of this device's structures).
     */
    private int macCommand(ChainRequest r, int cmd, long dataLen) {
        if (cmd == MAC_ADDR_SET) {
            if (dataLen != ETH_ALEN) {
                return ACK_ERR;
            }
            r.read(2, mac, 0, ETH_ALEN);
            return ACK_OK;
        }
        if (cmd != MAC_TABLE_SET) {
            return ACK_ERR;
        }
        staged.copyModesFrom(filter);
        staged.clearTables();
        long pos = 2;
        long end = 2 + dataLen;
        for (int kind = 0; kind < 2; kind++) {
            if (end - pos < 4) {
                return ACK_ERR;
            }
            r.read(pos, small, 0, 4);
            long entries = driverField(small, 0, 4);
            pos += 4;
            if (entries * ETH_ALEN > end - pos) {
                return ACK_ERR;
            }
            if (staged.used + entries <= MAC_TABLE_ENTRIES) {
                for (long i = 0; i < entries; i++) {
                    r.read(pos + i * ETH_ALEN, staged.table, staged.used * ETH_ALEN, ETH_ALEN);
                    staged.used++;
                }
            } else if (kind == 0) {
                staged.unicastOverflow = true;
            } else {
                staged.multicastOverflow = true;
            }
            if (kind == 0) {
                staged.firstMulticast = staged.used;
            }
            pos += entries * ETH_ALEN;
        }
        if (pos != end) {
            return ACK_ERR;
        }
        filter.copyFrom(staged);
        return ACK_OK;
    }

    /** §5.1.6.5.3: VLAN_ADD / VLAN_DEL with a 16-bit id (in the driver's order) below 4096. */
    private int vlan(ChainRequest r, int cmd, long dataLen) {
        if (dataLen != 2 || (cmd != VLAN_ADD && cmd != VLAN_DEL)) {
            return ACK_ERR;
        }
        r.read(2, small, 0, 2);
        int vid = (int) driverField(small, 0, 2);
        if (vid >= 4096) {
            return ACK_ERR;
        }
        filter.setVlan(vid, cmd == VLAN_ADD);
        return ACK_OK;
    }

    @Override
    protected void deviceReset() {
        System.arraycopy(defaultMac, 0, mac, 0, ETH_ALEN);
        filter.reset();
        announcing = false;
        txWaiting = false;
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
    }

    @Override
    protected int configByte(int offset) {
        if (offset < ETH_ALEN) {
            return mac[offset] & 0xff;
        }
        return offset == 6 ? (linkUp ? S_LINK_UP : 0) | (announcing ? S_ANNOUNCE : 0) : 0;
    }

    /** §5.1.4: the MAC is a byte array; status and the fields after it are 16-bit. */
    @Override
    protected int configField(int offset) {
        return offset < ETH_ALEN ? offset << 8 | 1 : (offset & ~1) << 8 | 2;
    }

    /** Legacy drivers may write the MAC through the configuration space (§5.1.4 legacy note). */
    @Override
    protected void writeConfigByte(int offset, int value) {
        if (offset < ETH_ALEN && !negotiated(VirtioFeatures.VERSION_1)) {
            mac[offset] = (byte) value;
        }
    }

    /**
     * The receive filter the control queue programs (§5.1.6.5.1-3): the modes, one MAC table (unicast entries
     * first, then multicast) and the VLAN bitmap.
     */
    private static final class RxFilter {
        boolean promiscuous = true;
        boolean allMulticast;
        boolean allUnicast;
        boolean noMulticast;
        boolean noUnicast;
        boolean noBroadcast;
        boolean unicastOverflow;
        boolean multicastOverflow;
        final byte[] table = new byte[MAC_TABLE_ENTRIES * ETH_ALEN];
        int used;
        int firstMulticast;
        final long[] vlans = new long[4096 / 64];

        void reset() {
            promiscuous = true;
            allMulticast = false;
            allUnicast = false;
            noMulticast = false;
            noUnicast = false;
            noBroadcast = false;
            clearTables();
            java.util.Arrays.fill(vlans, 0);
        }

        void clearTables() {
            unicastOverflow = false;
            multicastOverflow = false;
            used = 0;
            firstMulticast = 0;
        }

        void copyModesFrom(RxFilter o) {
            promiscuous = o.promiscuous;
            allMulticast = o.allMulticast;
            allUnicast = o.allUnicast;
            noMulticast = o.noMulticast;
            noUnicast = o.noUnicast;
            noBroadcast = o.noBroadcast;
        }

        void copyFrom(RxFilter o) {
            copyModesFrom(o);
            unicastOverflow = o.unicastOverflow;
            multicastOverflow = o.multicastOverflow;
            used = o.used;
            firstMulticast = o.firstMulticast;
            System.arraycopy(o.table, 0, table, 0, used * ETH_ALEN);
        }

        void setVlan(int vid, boolean on) {
            if (on) {
                vlans[vid >>> 6] |= 1L << (vid & 63);
            } else {
                vlans[vid >>> 6] &= ~(1L << (vid & 63));
            }
        }

        private boolean inTable(byte[] f, int off, int from, int to) {
            for (int e = from; e < to; e++) {
                if (java.util.Arrays.equals(table, e * ETH_ALEN, e * ETH_ALEN + ETH_ALEN, f, off, off + ETH_ALEN)) {
                    return true;
                }
            }
            return false;
        }

        boolean accepts(byte[] f, int off, int len, byte[] mac, boolean vlanFilter) {
            if (promiscuous) {
                return true;
            }
            if (len < 14) {
                return false;
            }
            int type = (f[off + 12] & 0xff) << 8 | (f[off + 13] & 0xff);
            if (vlanFilter && type == TPID_8021Q && len >= 16) {
                int vid = ((f[off + 14] & 0x0f) << 8) | (f[off + 15] & 0xff);
                if ((vlans[vid >>> 6] & (1L << (vid & 63))) == 0) {
                    return false;
                }
            }
            if ((f[off] & 1) != 0) {
                boolean broadcast = true;
                for (int i = 0; i < ETH_ALEN; i++) {
                    broadcast &= f[off + i] == (byte) 0xff;
                }
                if (broadcast) {
                    return !noBroadcast;
                }
                if (noMulticast) {
                    return false;
                }
                return allMulticast || multicastOverflow || inTable(f, off, firstMulticast, used);
            }
            if (noUnicast) {
                return false;
            }
            return allUnicast || unicastOverflow
                    || java.util.Arrays.equals(mac, 0, ETH_ALEN, f, off, off + ETH_ALEN)
                    || inTable(f, off, 0, firstMulticast);
        }
    }
}
