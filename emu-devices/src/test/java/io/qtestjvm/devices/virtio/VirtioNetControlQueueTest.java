package io.qtestjvm.devices.virtio;

import static io.qtestjvm.devices.virtio.VirtioFeatures.bit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The virtio-net control queue (virtio 1.2 §5.1.6.5): receive modes (§5.1.6.5.1), the MAC filter table and
 * MAC_ADDR_SET (§5.1.6.5.2), VLAN filtering (§5.1.6.5.3), the announcement acknowledgement (§5.1.6.5.4), guest
 * offloads (§5.1.6.5.6), and the filter's effect on received frames.
 */
class VirtioNetControlQueueTest {
    static final byte[] MAC = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};
    static final byte[] OTHER = {0x52, 0x54, 0x00, 0x00, 0x00, 0x01};
    static final byte[] MULTI = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01};
    static final byte[] BROADCAST = {-1, -1, -1, -1, -1, -1};
    static final int OK = 0;
    static final int ERR = 1;

    static final long FEATURES = bit(VirtioNet.F_CTRL_VQ) | bit(VirtioNet.F_CTRL_RX) | bit(VirtioNet.F_CTRL_VLAN)
            | bit(VirtioNet.F_CTRL_RX_EXTRA) | bit(VirtioNet.F_GUEST_ANNOUNCE) | bit(VirtioNet.F_CTRL_MAC_ADDR)
            | bit(VirtioNet.F_CTRL_GUEST_OFFLOADS) | bit(VirtioNet.F_STATUS);

    final NetDriver d = new NetDriver(MAC).start(FEATURES);

    static byte[] frame(byte[] dst, int etherType, int vid) {
        byte[] f = new byte[vid < 0 ? 60 : 64];
        System.arraycopy(dst, 0, f, 0, 6);
        System.arraycopy(OTHER, 0, f, 6, 6);
        if (vid >= 0) {
            f[12] = (byte) 0x81;
            f[13] = 0;
            f[14] = (byte) (vid >> 8);
            f[15] = (byte) vid;
        } else {
            f[12] = (byte) (etherType >> 8);
            f[13] = (byte) etherType;
        }
        return f;
    }

    /** Offers a frame with a fresh receive buffer posted; returns what the device did with it. */
    int offer(byte[] f) {
        return offer(d, f);
    }

    static int offer(NetDriver driver, byte[] f) {
        if (!driver.net.canReceive()) {
            driver.postRx(2048);
        }
        return driver.net.receive(f, 0, f.length);
    }

    static byte[] table(byte[]... macs) {
        byte[] t = new byte[4 + 6 * macs.length];
        t[0] = (byte) macs.length;
        for (int i = 0; i < macs.length; i++) {
            System.arraycopy(macs[i], 0, t, 4 + 6 * i, 6);
        }
        return t;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void promiscuousAfterResetAcceptsEveryFrame() {
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(OTHER, 0x0800, -1)));
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(MULTI, 0x0800, -1)));
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(MAC, 0, 7)), "VLAN 7 while promiscuous");
    }

    @Test
    void withoutPromiscuousOnlyOwnMacBroadcastAndTableEntriesPass() {
        assertEquals(OK, d.control(0, 0, new byte[] {0}), "PROMISC off");
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(MAC, 0x0800, -1)));
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(OTHER, 0x0800, -1)));
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(BROADCAST, 0x0806, -1)));
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MULTI, 0x0800, -1)));

        assertEquals(OK, d.control(1, 0, concat(table(OTHER), table(MULTI))), "MAC_TABLE_SET");
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(OTHER, 0x0800, -1)), "unicast table entry");
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(MULTI, 0x0800, -1)), "multicast table entry");

        assertEquals(OK, d.control(0, 5, new byte[] {1}), "NOBCAST");
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(BROADCAST, 0x0806, -1)));
        assertEquals(OK, d.control(0, 4, new byte[] {1}), "NOUNI");
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MAC, 0x0800, -1)));
        assertEquals(OK, d.control(0, 3, new byte[] {1}), "NOMULTI");
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MULTI, 0x0800, -1)));
        assertEquals(OK, d.control(0, 1, new byte[] {1}), "ALLMULTI does not override NOMULTI");
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MULTI, 0x0800, -1)));
    }

    @Test
    void allUnicastAndOverflowingTablesAcceptTheirKind() {
        d.control(0, 0, new byte[] {0});
        assertEquals(OK, d.control(0, 2, new byte[] {1}), "ALLUNI");
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(OTHER, 0x0800, -1)));
        d.control(0, 2, new byte[] {0});
        byte[][] many = new byte[65][];
        for (int i = 0; i < many.length; i++) {
            many[i] = new byte[] {0x02, 0, 0, 0, 0, (byte) i};
        }
        assertEquals(OK, d.control(1, 0, concat(table(many), table())), "65 unicast entries overflow");
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(OTHER, 0x0800, -1)), "unicast overflow accepts all");
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MULTI, 0x0800, -1)), "multicast still filtered");
    }

    @Test
    void malformedCommandsAreRefusedAndLeaveTheFilterAlone() {
        d.control(0, 0, new byte[] {0});
        assertEquals(OK, d.control(1, 0, concat(table(OTHER), table())));
        assertEquals(ERR, d.control(1, 0, table(MULTI)), "a MAC table without its multicast half");
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(OTHER, 0x0800, -1)), "the old table stays");
        assertEquals(ERR, d.control(0, 0, new byte[] {0, 0}), "rx mode takes one byte");
        assertEquals(ERR, d.control(0, 6, new byte[] {1}), "no such rx mode");
        assertEquals(ERR, d.control(2, 0, new byte[] {0, 0x10}), "VLAN 4096");
        assertEquals(ERR, d.control(1, 1, new byte[] {1, 2, 3}), "MAC_ADDR_SET with 3 bytes");
        assertEquals(ERR, d.control(4, 0, new byte[] {1, 0}), "no multiqueue");
        assertEquals(ERR, d.control(9, 0, new byte[0]), "unknown class");
        assertEquals(ERR, d.control(5, 0, new byte[] {2, 0, 0, 0, 0, 0, 0, 0}), "an offload not offered");
        assertEquals(OK, d.control(5, 0, new byte[8]), "no offloads");
        assertFalse(d.net.broken());
    }

    @Test
    void aLegacyBigEndianDriverGivesTableCountsAndVlanIdsInItsByteOrder() {
        NetDriver be = new NetDriver(MAC).startLegacyBigEndian(FEATURES);
        assertEquals(OK, be.control(0, 0, new byte[] {0}), "PROMISC off");
        byte[] unicast = table(OTHER);
        unicast[0] = 0;
        unicast[3] = 1; // one entry, big-endian (read little-endian: 2^24 entries, longer than the command)
        assertEquals(OK, be.control(1, 0, concat(unicast, new byte[4])), "MAC_TABLE_SET");
        assertEquals(VirtioNet.RX_DELIVERED, offer(be, frame(OTHER, 0x0800, -1)), "the table's entry");
        assertEquals(OK, be.control(2, 0, new byte[] {0, 0x10}), "VLAN_ADD 16 (4096 if read little-endian)");
        assertEquals(VirtioNet.RX_DELIVERED, offer(be, frame(MAC, 0, 16)));
        assertEquals(VirtioNet.RX_DROPPED, offer(be, frame(MAC, 0, 17)));
        assertFalse(be.net.broken());
    }

    @Test
    void vlanFilterPassesOnlyAddedIdsOnceNotPromiscuous() {
        d.control(0, 0, new byte[] {0});
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MAC, 0, 7)), "table empty after reset");
        assertEquals(OK, d.control(2, 0, new byte[] {7, 0}), "VLAN_ADD 7");
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(MAC, 0, 7)));
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MAC, 0, 8)));
        assertEquals(OK, d.control(2, 1, new byte[] {7, 0}), "VLAN_DEL 7");
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MAC, 0, 7)));
    }

    @Test
    void macAddrSetChangesConfigAndTheUnicastMatchUntilReset() {
        d.control(0, 0, new byte[] {0});
        assertEquals(OK, d.control(1, 1, OTHER));
        assertArrayEquals(OTHER, d.net.mac());
        assertEquals(OTHER[5] & 0xff, d.net.readConfig(5, 1));
        assertEquals(VirtioNet.RX_DELIVERED, offer(frame(OTHER, 0x0800, -1)));
        assertEquals(VirtioNet.RX_DROPPED, offer(frame(MAC, 0x0800, -1)));
        d.net.setStatus(0);
        assertArrayEquals(MAC, d.net.mac(), "reset restores the mac= address");
    }

    @Test
    void announceSetsTheStatusBitAndOnlyAPendingOneIsAcked() {
        assertEquals(ERR, d.control(3, 0, new byte[0]), "nothing to acknowledge");
        d.net.readAndClearIsr();
        d.net.announce();
        assertEquals(VirtioNet.S_LINK_UP | VirtioNet.S_ANNOUNCE, d.net.readConfig(6, 2));
        assertEquals(3, d.net.readAndClearIsr(), "configuration change");
        assertEquals(OK, d.control(3, 0, new byte[0]), "ANNOUNCE_ACK");
        assertEquals(VirtioNet.S_LINK_UP, d.net.readConfig(6, 2));
        assertTrue(!d.net.announcePending());
    }

    @Test
    void announceNeedsGuestAnnounceNegotiated() {
        NetDriver plain = new NetDriver(MAC).start(bit(VirtioNet.F_CTRL_VQ));
        plain.net.readAndClearIsr();
        plain.net.announce();
        assertEquals(VirtioNet.S_LINK_UP, plain.net.readConfig(6, 2));
        assertEquals(0, plain.net.readAndClearIsr());
    }

    @Test
    void controlRequestWithoutAckByteBreaksTheDeviceAsQemu() {
        long out = d.buffer(2);
        d.add(VirtioNet.CTRL, new long[][] {{out, 2, 0}});
        d.net.notifyQueue(VirtioNet.CTRL);
        assertTrue(d.net.broken());
        assertEquals(RingFault.NET_CTRL_HEADERS, d.net.lastFault());
        assertEquals(VirtioDevice.DEVICE_NEEDS_RESET, d.net.status() & VirtioDevice.DEVICE_NEEDS_RESET);
    }
}
