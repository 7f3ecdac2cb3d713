package io.qtestjvm.devices.sd;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Drives an {@link SdCard} as a host controller would: commands, responses, data bytes. */
final class SdTestHost {
    final SdCard card;
    final byte[] rsp = new byte[16];
    int rca;

    SdTestHost(SdCard card) {
        this.card = card;
    }

    int cmd(int cmd, long arg) {
        java.util.Arrays.fill(rsp, (byte) 0);
        return card.doCommand(cmd, arg, rsp);
    }

    /** Sends a command that must answer with a 4-byte response and returns it as a big-endian int. */
    int r4(int cmd, long arg) {
        assertEquals(4, cmd(cmd, arg), "response length of CMD" + cmd);
        return word(0);
    }

    int acmd(int cmd, long arg) {
        r4(55, (long) rca << 16);
        return r4(cmd, arg);
    }

    int word(int off) {
        return (rsp[off] & 0xff) << 24 | (rsp[off + 1] & 0xff) << 16 | (rsp[off + 2] & 0xff) << 8 | rsp[off + 3] & 0xff;
    }

    byte[] response(int len) {
        return java.util.Arrays.copyOf(rsp, len);
    }

    /** CMD0, CMD8, ACMD41 until powered up, CMD2, CMD3, CMD7: the card ends in transfer state. */
    void initialise() {
        cmd(0, 0);
        r4(8, 0x1aa);
        int ocr;
        do {
            ocr = acmd(41, 0x40ff8000L);
        } while (ocr >= 0);
        assertEquals(16, cmd(2, 0));
        rca = r4(3, 0) >>> 16;
        r4(7, (long) rca << 16);
        assertEquals(SdCard.STATE_TRANSFER, card.state());
    }

    byte[] read(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = card.readByte();
        }
        return b;
    }

    void write(byte[] data) {
        for (byte v : data) {
            card.writeByte(v);
        }
    }

    static byte[] pattern(int len, int seed) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (i * 13 + seed);
        }
        return b;
    }
}
