package io.qtestjvm.server.net;

/**
 * The frame a self-announcement puts on the wire for a NIC (observed on Debian's QEMU 7.2 with a socket peer): an
 * Ethernet broadcast of ethertype 0x8035 carrying an RFC 903 "reverse request" (opcode 3) for Ethernet/IPv4, the
 * NIC's MAC as both sender and target hardware address, both protocol addresses zero, padded with zeros to the
 * 60-byte Ethernet minimum.
 */
final class RarpAnnouncement {
    static final int LENGTH = 60;
    static final int ETHERTYPE_RARP = 0x8035;
    private static final int HTYPE_ETHERNET = 1;
    private static final int PTYPE_IPV4 = 0x0800;
    private static final int OP_REVERSE_REQUEST = 3;

    private RarpAnnouncement() {
    }

    static byte[] frame(byte[] mac) {
        byte[] f = new byte[LENGTH];
        java.util.Arrays.fill(f, 0, 6, (byte) 0xff);        // destination: broadcast
        System.arraycopy(mac, 0, f, 6, 6);                   // source
        put16(f, 12, ETHERTYPE_RARP);
        put16(f, 14, HTYPE_ETHERNET);
        put16(f, 16, PTYPE_IPV4);
        f[18] = 6;                                           // hardware address length
        f[19] = 4;                                           // protocol address length
        put16(f, 20, OP_REVERSE_REQUEST);
        System.arraycopy(mac, 0, f, 22, 6);                  // sender hardware address; sender IP 0
        System.arraycopy(mac, 0, f, 32, 6);                  // target hardware address; target IP 0
        return f;
    }

    private static void put16(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 8);
        f[at + 1] = (byte) v;
    }
}
