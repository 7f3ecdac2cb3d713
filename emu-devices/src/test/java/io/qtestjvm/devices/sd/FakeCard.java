package io.qtestjvm.devices.sd;

/**
 * A minimal SDHC-style card for controller tests: block addressing, 512-byte blocks, R1 status 0x900 (tran,
 * ready), CMD17/18 reads and CMD24/25 writes over an in-memory image, CMD12 stops, CMD2 answers a fixed R2, CMD8
 * echoes its argument (R7). Commands it does not know get no response. Reads past the image end give no data.
 */
final class FakeCard implements SdSlot.Card {
    static final int BLOCK = 512;
    static final int R1_TRAN = 0x900;
    final byte[] image;
    int lastCmd = -1;
    long lastArg;
    int commands;
    private int readPos = -1;
    private boolean readMulti;
    private int writePos = -1;
    private boolean writeMulti;

    FakeCard(int blocks) {
        image = new byte[blocks * BLOCK];
        for (int i = 0; i < image.length; i++) {
            image[i] = pattern(i);
        }
    }

    static byte pattern(int i) {
        return (byte) (i * 7 + i / BLOCK);
    }

    @Override
    public int doCommand(int cmd, long arg, byte[] response) {
        lastCmd = cmd;
        lastArg = arg;
        commands++;
        switch (cmd) {
            case 2 -> {
                for (int i = 0; i < 16; i++) {
                    response[i] = (byte) (0xa0 + i);
                }
                return 16;
            }
            case 8 -> {
                putInt(response, (int) arg);
                return 4;
            }
            case 12 -> {
                readPos = -1;
                writePos = -1;
            }
            case 17, 18 -> {
                readPos = (int) arg * BLOCK;
                readMulti = cmd == 18;
                if (readPos >= image.length) {
                    readPos = -1;
                    putInt(response, 0x8000_0900); // ADDRESS_OUT_OF_RANGE
                    return 4;
                }
            }
            case 24, 25 -> {
                writePos = (int) arg * BLOCK;
                writeMulti = cmd == 25;
            }
            case 13, 55, 16, 7 -> {
            }
            default -> {
                return 0;
            }
        }
        putInt(response, R1_TRAN);
        return 4;
    }

    private static void putInt(byte[] r, int v) {
        r[0] = (byte) (v >>> 24);
        r[1] = (byte) (v >>> 16);
        r[2] = (byte) (v >>> 8);
        r[3] = (byte) v;
    }

    @Override
    public void writeByte(byte value) {
        if (writePos < 0 || writePos >= image.length) {
            return;
        }
        image[writePos++] = value;
        if (!writeMulti && writePos % BLOCK == 0) {
            writePos = -1;
        }
    }

    @Override
    public byte readByte() {
        if (readPos < 0 || readPos >= image.length) {
            readPos = -1;
            return 0;
        }
        byte b = image[readPos++];
        if (!readMulti && readPos % BLOCK == 0) {
            readPos = -1;
        }
        return b;
    }

    @Override
    public boolean dataReady() {
        return readPos >= 0;
    }

    @Override
    public boolean receiveReady() {
        return writePos >= 0;
    }

    @Override
    public boolean readOnly() {
        return false;
    }
}
