package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqtest.QtestTransport;

import java.util.HexFormat;
import java.util.List;

/** A qtest transport over a little-endian byte array at guest address 0: enough for the driver's ring accesses. */
final class RamTransport implements QtestTransport {
    final byte[] ram;

    RamTransport(int size) {
        this.ram = new byte[size];
    }

    long get(long addr, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = v << 8 | (ram[(int) addr + i] & 0xff);
        }
        return v;
    }

    void put(long addr, int len, long v) {
        for (int i = 0; i < len; i++) {
            ram[(int) addr + i] = (byte) (v >>> (8 * i));
        }
    }

    @Override
    public List<String> qtest(String command) {
        String[] w = command.split(" ");
        int len = switch (w[0].isEmpty() ? ' ' : w[0].charAt(w[0].length() - 1)) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'l' -> 4;
            case 'q' -> 8;
            default -> 0;
        };
        long addr = w.length > 1 ? Long.decode(w[1]) : 0;
        if (w[0].startsWith("write") && len > 0) {
            put(addr, len, Long.parseUnsignedLong(w[2].substring(2), 16));
            return List.of("OK");
        }
        if (w[0].startsWith("read") && len > 0) {
            return List.of("OK 0x" + Long.toHexString(get(addr, len)));
        }
        switch (w[0]) {
            case "endianness" -> {
                return List.of("OK little");
            }
            case "memset" -> {
                int n = Integer.decode(w[2]);
                for (int i = 0; i < n; i++) {
                    ram[(int) addr + i] = (byte) (int) Integer.decode(w[3]);
                }
                return List.of("OK");
            }
            case "write" -> {
                byte[] b = HexFormat.of().parseHex(w[3].substring(2));
                System.arraycopy(b, 0, ram, (int) addr, b.length);
                return List.of("OK");
            }
            case "read" -> {
                int n = Integer.decode(w[2]);
                byte[] b = new byte[n];
                System.arraycopy(ram, (int) addr, b, 0, n);
                return List.of("OK 0x" + HexFormat.of().formatHex(b));
            }
            default -> {
                return List.of("FAIL Unknown command '" + w[0] + "'");
            }
        }
    }

    @Override
    public String qmp(String json) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void qmpSend(String text) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String qmpReceive() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String qmpGreeting() {
        return "";
    }

    @Override
    public int terminate() {
        return 0;
    }

    @Override
    public String backendName() {
        return "ram";
    }
}
