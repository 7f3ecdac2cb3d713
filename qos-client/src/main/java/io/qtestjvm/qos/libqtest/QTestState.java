package io.qtestjvm.qos.libqtest;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * libqtest's {@code QTestState} (tests/qtest/libqtest.c) over any {@link QtestTransport}: typed qtest commands,
 * the IRQ level bookkeeping fed by asynchronous {@code IRQ raise|lower N} lines, and QMP with event queueing. A
 * reply other than {@code OK} throws {@link QtestException} naming the command and the backend.
 */
public final class QTestState implements AutoCloseable {
    private static final int MAX_IRQ = 256;

    private final QtestTransport transport;
    private final boolean[] irqLevels = new boolean[MAX_IRQ];
    private final boolean bigEndian;
    private final Deque<Map<String, Object>> events = new ArrayDeque<>();

    public QTestState(QtestTransport transport) {
        this.transport = transport;
        String e = command("endianness");
        this.bigEndian = e.equals("OK big");
    }

    /** Starts {@code binary} as libqtest does ({@code -accel qtest}); the binary comes from the caller. */
    public static QTestState init(String binary, String extraArgs) {
        return new QTestState(ProcessTransport.start(binary, extraArgs, "qtest", "process", 50_000, Map.of()));
    }

    /** {@code QTEST_QEMU_BINARY} (or the system property {@code qtest.qemu.binary}) as libqtest reads it. */
    public static String binaryFromEnvironment() {
        String b = System.getProperty("qtest.qemu.binary", System.getenv("QTEST_QEMU_BINARY"));
        if (b == null || b.isEmpty()) {
            throw new IllegalStateException("QTEST_QEMU_BINARY is not set");
        }
        if (!b.contains("-system-")) {
            throw new IllegalStateException("QTEST_QEMU_BINARY must end with *-system-<arch>: " + b);
        }
        return b;
    }

    /** {@code qtest_get_arch}: the text after the last '-' of the binary name. */
    public static String archOf(String binary) {
        return binary.substring(binary.lastIndexOf('-') + 1);
    }

    public QtestTransport transport() {
        return transport;
    }

    public boolean bigEndian() {
        return bigEndian;
    }

    /** Tells the transport a poll begins (see {@link QtestTransport#pollBegin()}); sends nothing. */
    public void pollBegin() {
        transport.pollBegin();
    }

    /** Tells the transport the poll's last look failed and it looks again; sends nothing. */
    public void pollRetry() {
        transport.pollRetry();
    }

    /** Sends a raw command and returns its reply line; async IRQ lines before it update the IRQ levels. */
    public String command(String line) {
        List<String> lines = transport.qtest(line);
        for (int i = 0; i < lines.size() - 1; i++) {
            irqLine(lines.get(i));
        }
        String reply = lines.get(lines.size() - 1);
        if (!reply.startsWith("OK")) {
            throw new QtestException("[" + transport.backendName() + "] '" + line + "' answered '" + reply + "'");
        }
        return reply;
    }

    private void irqLine(String line) {
        // libqtest: "IRQ raise N" / anything else is lower; N >= 256 aborts
        String[] w = line.split(" ");
        int n = Integer.parseInt(w[2]);
        if (n < 0 || n >= MAX_IRQ) {
            throw new QtestException("[" + transport.backendName() + "] IRQ number out of range: " + line);
        }
        irqLevels[n] = w[1].equals("raise");
    }

    private static long value(String reply) {
        return Long.parseUnsignedLong(reply.substring(5), 16);
    }

    public void outb(int port, int v) {
        command("outb 0x" + Integer.toHexString(port) + " 0x" + Integer.toHexString(v & 0xff));
    }

    public void outw(int port, int v) {
        command("outw 0x" + Integer.toHexString(port) + " 0x" + Integer.toHexString(v & 0xffff));
    }

    public void outl(int port, int v) {
        command("outl 0x" + Integer.toHexString(port) + " 0x" + Integer.toHexString(v));
    }

    public int inb(int port) {
        return (int) value(command("inb 0x" + Integer.toHexString(port)));
    }

    public int inw(int port) {
        return (int) value(command("inw 0x" + Integer.toHexString(port)));
    }

    public int inl(int port) {
        return (int) value(command("inl 0x" + Integer.toHexString(port)));
    }

    private void write(String cmd, long addr, long v) {
        command(cmd + " 0x" + Long.toHexString(addr) + " 0x" + Long.toHexString(v));
    }

    private long read(String cmd, long addr) {
        return value(command(cmd + " 0x" + Long.toHexString(addr)));
    }

    public void writeb(long addr, int v) {
        write("writeb", addr, v & 0xff);
    }

    public void writew(long addr, int v) {
        write("writew", addr, v & 0xffff);
    }

    public void writel(long addr, int v) {
        write("writel", addr, v & 0xffff_ffffL);
    }

    public void writeq(long addr, long v) {
        write("writeq", addr, v);
    }

    public int readb(long addr) {
        return (int) read("readb", addr);
    }

    public int readw(long addr) {
        return (int) read("readw", addr);
    }

    public int readl(long addr) {
        return (int) read("readl", addr);
    }

    public long readq(long addr) {
        return read("readq", addr);
    }

    /** {@code qtest_memread}: raw bytes in address order. */
    public byte[] memread(long addr, int len) {
        String r = command("read 0x" + Long.toHexString(addr) + " 0x" + Integer.toHexString(len));
        return HexFormat.of().parseHex(r.substring(5));
    }

    /** {@code qtest_memwrite}. */
    public void memwrite(long addr, byte[] data) {
        command("write 0x" + Long.toHexString(addr) + " 0x" + Integer.toHexString(data.length) + " 0x"
                + HexFormat.of().formatHex(data));
    }

    /** {@code qtest_bufread} (base64). */
    public byte[] bufread(long addr, int len) {
        String r = command("b64read 0x" + Long.toHexString(addr) + " 0x" + Integer.toHexString(len));
        return Base64.getDecoder().decode(r.substring(3));
    }

    /** {@code qtest_bufwrite} (base64). */
    public void bufwrite(long addr, byte[] data) {
        command("b64write 0x" + Long.toHexString(addr) + " 0x" + Integer.toHexString(data.length) + " "
                + Base64.getEncoder().encodeToString(data));
    }

    public void memset(long addr, int pattern, long len) {
        command("memset 0x" + Long.toHexString(addr) + " 0x" + Long.toHexString(len) + " 0x"
                + Integer.toHexString(pattern & 0xff));
    }

    /** {@code qtest_clock_step_next}: advance to the next deadline; returns the new time. */
    public long clockStepNext() {
        return Long.parseLong(command("clock_step").substring(3));
    }

    public long clockStep(long ns) {
        return Long.parseLong(command("clock_step " + ns).substring(3));
    }

    public long clockSet(long ns) {
        return Long.parseLong(command("clock_set " + ns).substring(3));
    }

    public void irqInterceptIn(String qomPath) {
        command("irq_intercept_in " + qomPath);
    }

    public void irqInterceptOut(String qomPath) {
        command("irq_intercept_out " + qomPath);
    }

    public void setIrqIn(String qomPath, String name, int num, int level) {
        command("set_irq_in " + qomPath + " " + name + " " + num + " " + level);
    }

    /**
     * {@code qtest_rtas_call}: RTAS call {@code name} with argument and return cell arrays in guest memory (sPAPR
     * only); returns 0 as libqtest does once the machine answered OK. Results are read back from {@code retAddr}.
     */
    public long rtas(String name, int nargs, long argsAddr, int nret, long retAddr) {
        command("rtas " + name + " " + nargs + " 0x" + Long.toHexString(argsAddr) + " " + nret + " 0x"
                + Long.toHexString(retAddr));
        return 0;
    }

    /** {@code qtest_get_irq}: flushes pending IRQ lines with {@code inb 0x0}, then answers the level. */
    public boolean getIrq(int n) {
        inb(0);
        return irqLevels[n];
    }

    /** Sends a QMP command and returns the reply object; events met on the way are queued. */
    public Map<String, Object> qmp(String json) {
        return Json.object(transport.qmp(json));
    }

    /** {@code qtest_qmp_eventwait}: the queued or next event called {@code name}. */
    public Map<String, Object> eventWait(String name) {
        for (var it = events.iterator(); it.hasNext(); ) {
            Map<String, Object> e = it.next();
            if (name.equals(e.get("event"))) {
                it.remove();
                return e;
            }
        }
        List<String> pending = transport.qmpEvents();
        if (!pending.isEmpty()) {
            for (String e : pending) {
                events.add(Json.object(e));
            }
            for (var it = events.iterator(); it.hasNext(); ) {
                Map<String, Object> e = it.next();
                if (name.equals(e.get("event"))) {
                    it.remove();
                    return e;
                }
            }
        }
        while (true) {
            Map<String, Object> m = Json.object(transport.qmpReceive());
            if (name.equals(m.get("event"))) {
                return m;
            }
            if (m.containsKey("event")) {
                events.add(m);
            }
        }
    }

    /** {@code qtest_quit}: SIGTERM and the exit status. */
    public int quit() {
        return transport.terminate();
    }

    @Override
    public void close() {
        transport.close();
    }
}
