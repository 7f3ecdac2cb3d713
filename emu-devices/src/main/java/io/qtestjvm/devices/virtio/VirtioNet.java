package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioFeatures.bit;

/**
 * The network device (virtio 1.2 §5.1, device ID 1): receiveq 0, transmitq 1 and the control queue 2 (§5.1.2),
 * the configuration space {@code mac} and {@code status} (§5.1.4), packets framed by {@code struct virtio_net_hdr}
 * (§5.1.6), received frames put into the driver's receive buffers (§5.1.6.4), transmitted ones handed to the
 * backend (§5.1.6.2), and control commands answered with an ack byte (§5.1.6.5).
 *
 * <p>QEMU 7.2 facts (observed on Debian's QEMU, {@code -device virtio-net-pci} without a peer): legacy host
 * features 0x79bf8064, modern 0x30bf8024 / 0x101 (MAC, GSO (legacy only), MRG_RXBUF, STATUS, CTRL_VQ, CTRL_RX,
 * CTRL_VLAN, CTRL_RX_EXTRA, GUEST_ANNOUNCE, CTRL_MAC_ADDR, CTRL_GUEST_OFFLOADS; no checksum or offload bits without
 * a backend that takes the header); three queues (256, 256, 64); configuration space 8 bytes: MAC 52:54:00:12:34:56
 * by default and status LINK_UP; four MSI-X vectors.
 *
 * <p>Not modelled: mergeable receive buffers spanning several chains (a frame that does not fit one chain is
 * dropped), offloads, multiqueue, RSS, announce timers.
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
    /** §5.1.6.5 control classes and acks. */
    private static final int CLASS_RX = 0;
    private static final int CLASS_MAC = 1;
    private static final int CLASS_VLAN = 2;
    private static final int CLASS_ANNOUNCE = 3;
    private static final int CLASS_GUEST_OFFLOADS = 5;
    private static final int MAC_ADDR_SET = 1;
    private static final int ACK_OK = 0;
    private static final int ACK_ERR = 1;
    private static final int CONFIG_SIZE = 8;
    private static final int MAX_FRAME = 65536 + 64;

    /** Where transmitted frames go (a {@code -netdev}); the default drops them. */
    public interface Backend {
        void send(byte[] frame, int off, int len);
    }

    private final byte[] mac = new byte[6];
    private final byte[] defaultMac;
    private final byte[] frame = new byte[MAX_FRAME];
    private final byte[] small = new byte[16];
    private final ChainRequest rxChain = new ChainRequest();
    private Backend backend = (f, o, l) -> { };
    private boolean linkUp = true;
    private long sent;

    public VirtioNet(GuestMemory memory, byte[] macAddress, int rxSize, int txSize, boolean eventIdx,
            boolean indirect, boolean packed) {
        super(DEVICE_ID, memory, new int[] {rxSize, txSize, 64});
        this.defaultMac = macAddress.clone();
        System.arraycopy(defaultMac, 0, mac, 0, 6);
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

    public byte[] mac() {
        return mac.clone();
    }

    public long framesSent() {
        return sent;
    }

    /** §5.1.4 status: the link state ({@code set_link}); a change is a configuration change. */
    public void setLink(boolean up) {
        if (up != linkUp) {
            linkUp = up;
            configChanged();
        }
    }

    /** §5.1.6.1: the header is 12 bytes with VERSION_1 or MRG_RXBUF, 10 for a legacy driver without it. */
    private int headerSize() {
        return negotiated(VirtioFeatures.VERSION_1) || negotiated(F_MRG_RXBUF) ? 12 : 10;
    }

    /**
     * §5.1.6.4: puts one received frame into the next receive buffer. @return false when the driver has no
     * buffer ready, the link is down, or the frame does not fit one buffer (the frame is dropped)
     */
    public boolean receive(byte[] data, int off, int len) {
        Virtqueue q = queue(RX);
        if (broken() || !linkUp || (status() & DRIVER_OK) == 0 || !q.enabled()) {
            return false;
        }
        int rc = pop(q, rxChain);
        if (rc <= 0) {
            return false;
        }
        int hdr = headerSize();
        if (rxChain.writableBytes() < hdr + (long) len) {
            complete(q, rxChain, 0);
            return false;
        }
        java.util.Arrays.fill(small, (byte) 0);
        if (hdr == 12) {
            small[10] = 1; // num_buffers
        }
        rxChain.write(0, small, 0, hdr);
        rxChain.write(hdr, data, off, len);
        complete(q, rxChain, hdr + len);
        return true;
    }

    @Override
    protected void queueNotified(Virtqueue q) {
        if (q.index() != RX) {
            drain(q);
        }
    }

    @Override
    protected long process(Virtqueue q, ChainRequest r) {
        return q.index() == TX ? transmit(r) : control(r);
    }

    private long transmit(ChainRequest r) {
        int hdr = headerSize();
        long len = r.readableBytes() - hdr;
        if (len > 0 && len <= MAX_FRAME && linkUp) {
            r.read(hdr, frame, 0, (int) len);
            backend.send(frame, 0, (int) len);
            sent++;
        }
        return 0;
    }

    /** §5.1.6.5: {u8 class, u8 command}, command data, then one writable ack byte. */
    private long control(ChainRequest r) {
        if (r.readableBytes() < 2 || r.writableBytes() < 1) {
            markBroken(RingFault.MISSING_HEADERS);
            return -1;
        }
        r.read(0, small, 0, 2);
        int cls = small[0] & 0xff;
        int cmd = small[1] & 0xff;
        int ack = switch (cls) {
            case CLASS_RX, CLASS_VLAN, CLASS_ANNOUNCE, CLASS_GUEST_OFFLOADS -> ACK_OK;
            case CLASS_MAC -> {
                if (cmd == MAC_ADDR_SET) {
                    if (r.readableBytes() - 2 != 6) {
                        yield ACK_ERR;
                    }
                    r.read(2, mac, 0, 6);
                }
                yield ACK_OK;
            }
            default -> ACK_ERR;
        };
        small[0] = (byte) ack;
        r.write(r.writableBytes() - 1, small, 0, 1);
        return r.writableBytes();
    }

    @Override
    protected void deviceReset() {
        System.arraycopy(defaultMac, 0, mac, 0, 6);
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
    }

    @Override
    protected int configByte(int offset) {
        if (offset < 6) {
            return mac[offset] & 0xff;
        }
        return offset == 6 ? (linkUp ? S_LINK_UP : 0) : 0;
    }

    /** Legacy drivers may write the MAC through the configuration space (§5.1.4 legacy note). */
    @Override
    protected void writeConfigByte(int offset, int value) {
        if (offset < 6 && !negotiated(VirtioFeatures.VERSION_1)) {
            mac[offset] = (byte) value;
        }
    }
}
