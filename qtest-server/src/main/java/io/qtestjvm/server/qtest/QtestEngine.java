package io.qtestjvm.server.qtest;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Device;
import io.qtestjvm.core.GpioOut;
import io.qtestjvm.core.Irq;
import io.qtestjvm.core.IrqInterceptor;
import io.qtestjvm.core.QomObject;
import io.qtestjvm.core.QomPath;
import io.qtestjvm.memory.AddressSpace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The qtest protocol engine (the text protocol of qemu-qtest-reference.md §1): takes command lines, acts on a
 * {@link QtestTarget} and writes each reply line, and every asynchronous {@code IRQ raise|lower N} line, to an
 * {@link Output} in the order they happen. Transport-agnostic; runs on the machine thread.
 *
 * <p>Where QEMU answers malformed input (an unknown command, an unknown device, {@code ERR invalid argument
 * size}) the engine answers exactly the same; where QEMU would hit an assertion and abort (a missing or
 * unparsable argument, an empty word, {@code inb} above 0xffff, {@code read} of length 0) it answers
 * {@code FAIL <reason>} and keeps serving. The common commands parse the line in place and format into a reused
 * buffer: nothing is allocated per command.
 */
public final class QtestEngine implements IrqInterceptor {
    /** Receives complete lines, each ending in {@code \n}. */
    @FunctionalInterface
    public interface Output {
        void line(byte[] buf, int off, int len);
    }

    private static final int MAX_IRQ = 256;
    private static final int MAX_WORDS = 16;
    /**
     * The largest {@code read}/{@code b64read}/{@code write}/{@code b64write} we serve. QEMU allocates SIZE bytes
     * (and twice that for the hex reply) and aborts when that fails; under the launcher's heap limit a 128 MiB
     * {@code read} would end the process with an OutOfMemoryError, so larger sizes get FAIL instead. libqos moves
     * at most a few KiB per command.
     */
    static final int MAX_DATA = 16 << 20;
    /**
     * The longest command line served, in bytes without the newline: room for the largest legitimate one, a
     * {@code write ADDR SIZE 0x<hex>} of {@link #MAX_DATA} bytes (32 MiB of hex; {@code b64write} needs less).
     * QEMU buffers lines of any length; a longer line here gets {@code FAIL command line longer than N bytes}.
     */
    public static final int MAX_LINE = 2 * MAX_DATA + 64;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK_LINE = "OK\n".getBytes(StandardCharsets.US_ASCII);

    private final QtestTarget target;
    private final Compat compat;
    private final boolean qtestAccel;
    private final Output output;
    private final QtestLog log;
    private final QtestNumbers numbers = new QtestNumbers();

    // the line being parsed: word boundaries in lineBuf
    private byte[] lineBuf = new byte[256];
    private int lineLen;
    private final int[] wordStart = new int[MAX_WORDS];
    private final int[] wordEnd = new int[MAX_WORDS];
    private int words;
    private int wordsTotal;

    // input accumulation across feeds
    private byte[] inBuf = new byte[4096];
    private int inLen;
    /** Inside an over-long line: its bytes are dropped up to its newline. */
    private boolean discarding;

    private byte[] out = new byte[256];
    private int outLen;
    private byte[] data = new byte[256];

    private final int[] irqLevels = new int[MAX_IRQ];
    private Device interceptedDevice;

    public QtestEngine(QtestTarget target, Compat compat, boolean qtestAccel, Output output, QtestLog log) {
        this.target = target;
        this.compat = compat;
        this.qtestAccel = qtestAccel;
        this.output = output;
        this.log = log == null ? QtestLog.none() : log;
    }

    /** The connection opened: IRQ level cache cleared, log timer restarted (QEMU does not reset the machine). */
    public void opened() {
        Arrays.fill(irqLevels, 0);
        inLen = 0;
        discarding = false;
        log.opened();
    }

    public void closed() {
        inLen = 0;
        discarding = false;
        log.closed();
    }

    public QtestLog log() {
        return log;
    }

    /**
     * Appends received bytes and executes every complete line. A line longer than {@link #MAX_LINE} is answered
     * {@code FAIL command line longer than MAX_LINE bytes} when its newline arrives, and its bytes are dropped as
     * they come instead of being buffered.
     */
    public void feed(byte[] buf, int off, int len) {
        int end = off + len;
        int p = off;
        if (discarding) {
            while (p < end && buf[p] != '\n') {
                p++;
            }
            if (p == end) {
                return;
            }
            discarding = false;
            lineTooLong();
            p++;
        }
        while (p < end) {
            int nl = p;
            while (nl < end && buf[nl] != '\n') {
                nl++;
            }
            int n = nl - p;
            if (nl == end) { // a partial line: keep it for the next feed, unless it is already too long
                if (inLen + (long) n > MAX_LINE) {
                    inLen = 0;
                    discarding = true;
                } else {
                    ensureIn(inLen + n);
                    System.arraycopy(buf, p, inBuf, inLen, n);
                    inLen += n;
                }
                return;
            }
            if (inLen == 0) {
                execute(buf, p, n); // fast path: straight from the caller's buffer
            } else if (inLen + (long) n > MAX_LINE) {
                inLen = 0;
                lineTooLong();
            } else {
                ensureIn(inLen + n);
                System.arraycopy(buf, p, inBuf, inLen, n);
                int lineLength = inLen + n;
                inLen = 0;
                execute(inBuf, 0, lineLength);
            }
            p = nl + 1;
        }
    }

    /** {@link #feed} of input that ends with a newline and holds no other (what the event loop hands over). */
    public void feedLine(byte[] buf, int off, int len) {
        if (discarding || inLen != 0 || len == 0 || buf[off + len - 1] != '\n') {
            feed(buf, off, len);
            return;
        }
        execute(buf, off, len - 1);
    }

    private void lineTooLong() {
        fail("command line longer than " + MAX_LINE + " bytes");
    }

    private void ensureIn(int size) {
        if (size > inBuf.length) {
            inBuf = Arrays.copyOf(inBuf, Math.max(size, Math.min(inBuf.length * 2, MAX_LINE)));
        }
    }

    /** Executes one line given as a string without its newline (in-JVM callers and tests). */
    public void execute(String line) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        execute(b, 0, b.length);
    }

    /** Executes one command line (without its newline). */
    public void execute(byte[] buf, int off, int len) {
        if (len > MAX_LINE) {
            lineTooLong();
            return;
        }
        if (len > lineBuf.length) {
            lineBuf = new byte[Math.max(len, lineBuf.length * 2)];
        }
        System.arraycopy(buf, off, lineBuf, 0, len);
        lineLen = len;
        split();
        if (log.enabled()) {
            log.received(wordStrings(), wordsTotal);
        }
        try {
            dispatch();
        } catch (RuntimeException e) {
            // a device model bug must not take the session down, but it must not pass unseen either
            target.internalErrors().record(new String(lineBuf, 0, lineLen, StandardCharsets.ISO_8859_1), e);
            fail("internal error: " + e);
        }
    }

    /** Words separated by single spaces, empty words kept; "" has no words (qemu-qtest-reference.md §1.2). */
    private void split() {
        words = 0;
        wordsTotal = 0;
        int n = lineLen;
        if (n == 0) {
            return;
        }
        byte[] b = lineBuf; // locals: this loop runs over every byte of a line, interpreted at first
        int count = 0;
        int total = 0;
        int s = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == ' ') {
                if (count < MAX_WORDS) {
                    wordStart[count] = s;
                    wordEnd[count] = i;
                    count++;
                }
                total++;
                s = i + 1;
            }
        }
        if (count < MAX_WORDS) {
            wordStart[count] = s;
            wordEnd[count] = n;
            count++;
        }
        words = count;
        wordsTotal = total + 1;
    }

    private String[] wordStrings() {
        String[] w = new String[wordsTotal];
        int n = 0;
        int s = 0;
        for (int i = 0; i <= lineLen && lineLen > 0; i++) {
            if (i == lineLen || lineBuf[i] == ' ') {
                w[n++] = new String(lineBuf, s, i - s, StandardCharsets.ISO_8859_1);
                s = i + 1;
            }
        }
        return w;
    }

    private String word(int i) {
        return new String(lineBuf, wordStart[i], wordEnd[i] - wordStart[i], StandardCharsets.ISO_8859_1);
    }

    private boolean is(String name) {
        int len = wordEnd[0] - wordStart[0];
        if (len != name.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (lineBuf[wordStart[0] + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean has(int i) {
        return i < words;
    }

    private long u64(int i) {
        return numbers.parseU64(lineBuf, wordStart[i], wordEnd[i]);
    }

    private void dispatch() {
        if (words == 0) {
            fail("empty command line");
            return;
        }
        int len0 = wordEnd[0] - wordStart[0];
        byte[] b = lineBuf;
        int w0 = wordStart[0];
        byte c0 = len0 > 0 ? b[w0] : 0;
        switch (c0) {
            case 'r' -> {
                // read, readb/w/l/q: the commonest commands, told apart by their bytes (a String's characters
                // cost tens of bytecodes each while the stand-in still interprets this)
                if ((len0 == 4 || len0 == 5) && b[w0 + 1] == 'e' && b[w0 + 2] == 'a' && b[w0 + 3] == 'd') {
                    if (len0 == 4) {
                        readBytes(false);
                        return;
                    }
                    if (sizeChar(b[w0 + 4])) {
                        readValue(b[w0 + 4]);
                        return;
                    }
                }
                if (target.rtas() != null && is("rtas")) {
                    rtas(target.rtas());
                    return;
                }
            }
            case 'w' -> {
                if ((len0 == 5 || len0 == 6) && b[w0 + 1] == 'r' && b[w0 + 2] == 'i' && b[w0 + 3] == 't'
                        && b[w0 + 4] == 'e') {
                    if (len0 == 5) {
                        writeBytes();
                        return;
                    }
                    if (sizeChar(b[w0 + 5])) {
                        writeValue(b[w0 + 5]);
                        return;
                    }
                }
            }
            case 'o' -> {
                if (len0 == 4 && lineBuf[wordStart[0] + 1] == 'u' && lineBuf[wordStart[0] + 2] == 't') {
                    out(lineBuf[wordStart[0] + 3]);
                    return;
                }
            }
            case 'i' -> {
                if (len0 == 3 && lineBuf[wordStart[0] + 1] == 'n') {
                    in(lineBuf[wordStart[0] + 2]);
                    return;
                }
                if (is("irq_intercept_in") || is("irq_intercept_out")) {
                    irqIntercept(len0 == 17);
                    return;
                }
            }
            case 'b' -> {
                if (is("b64read")) {
                    readBytes(true);
                    return;
                }
                if (is("b64write")) {
                    b64write();
                    return;
                }
            }
            case 'm' -> {
                if (is("memset")) {
                    memset();
                    return;
                }
                if (is("module_load") && compat.atLeast(Compat.V10_2)) {
                    if (!has(2)) {
                        fail("module_load needs a prefix and a library name");
                        return;
                    }
                    send("FAIL\n"); // no loadable modules: everything is built in
                    return;
                }
            }
            case 'e' -> {
                if (is("endianness")) {
                    send(target.bigEndian() ? "OK big\n" : "OK little\n");
                    return;
                }
            }
            case 'c' -> {
                if (qtestAccel && is("clock_step")) {
                    clockStep();
                    return;
                }
                if (qtestAccel && is("clock_set")) {
                    clockSet();
                    return;
                }
            }
            case 's' -> {
                if (is("set_irq_in")) {
                    setIrqIn();
                    return;
                }
            }
            default -> {
            }
        }
        unknown();
    }

    private static boolean sizeChar(byte c) {
        return c == 'b' || c == 'w' || c == 'l' || c == 'q';
    }

    private void unknown() {
        begin();
        append("FAIL Unknown command '");
        appendWord(0);
        append("'\n");
        flushOut();
    }

    // ---------------------------------------------------------------------------------------------------------
    // port I/O

    private void out(byte sizeChar) {
        int size = size(sizeChar);
        if (size == 0 || size == 8) {
            unknown();
            return;
        }
        if (!has(2)) {
            fail("missing argument: out" + (char) sizeChar + " ADDR VALUE");
            return;
        }
        long addr = portAddress();
        if (addr < 0) {
            return;
        }
        long value = u64(2);
        if (!numbers.ok()) {
            fail("invalid value '" + word(2) + "'");
            return;
        }
        // cpu_outX: the value in little-endian port order (x86 is the only target with ports)
        target.ioPorts().store(addr, size, value, target.bigEndian());
        send(OK_LINE);
    }

    /**
     * Word 1 as a port number: QEMU asserts {@code addr <= 0xffff} after parsing (an abort there, FAIL here).
     * Returns -1 after sending the FAIL reply.
     */
    private long portAddress() {
        long addr = u64(1);
        if (!numbers.ok()) {
            fail("invalid port address '" + word(1) + "'");
            return -1;
        }
        if (Long.compareUnsigned(addr, 0xffff) > 0) {
            fail("port address 0x" + Long.toHexString(addr) + " is above 0xffff");
            return -1;
        }
        return addr;
    }

    private void in(byte sizeChar) {
        int size = size(sizeChar);
        if (size == 0 || size == 8) {
            unknown();
            return;
        }
        if (!has(1)) {
            fail("missing argument: in" + (char) sizeChar + " ADDR");
            return;
        }
        long addr = portAddress();
        if (addr < 0) {
            return;
        }
        long value = target.ioPorts().load(addr, size, target.bigEndian());
        begin();
        append("OK 0x");
        appendHexMin(value, 4);
        append("\n");
        flushOut();
    }

    // ---------------------------------------------------------------------------------------------------------
    // memory

    private void readValue(byte sizeChar) {
        int size = size(sizeChar);
        if (!has(1)) {
            fail("missing argument: read" + (char) sizeChar + " ADDR");
            return;
        }
        if (!memoryAddress()) {
            return;
        }
        long addr = parsedAddr;
        long value = target.cpuMemory().load(addr, size, target.bigEndian());
        begin();
        append("OK 0x");
        appendHexFixed(value, 16);
        append("\n");
        flushOut();
    }

    private void writeValue(byte sizeChar) {
        int size = size(sizeChar);
        if (!has(2)) {
            fail("missing argument: write" + (char) sizeChar + " ADDR VALUE");
            return;
        }
        if (!memoryAddress()) {
            return;
        }
        long addr = parsedAddr;
        long value = u64(2);
        if (!numbers.ok()) {
            fail("invalid value '" + word(2) + "'");
            return;
        }
        target.cpuMemory().store(addr, size, value, target.bigEndian());
        send(OK_LINE);
    }

    private long parsedAddr;
    private long parsedSize;

    /**
     * The {@code ADDR SIZE} words every block command starts with (words 1 and 2), and that the line has at least
     * {@code words} arguments; on failure the FAIL reply has been sent.
     */
    private boolean addressAndSize(int words, String usage) {
        if (!has(words)) {
            fail("missing argument: " + usage);
            return false;
        }
        if (!memoryAddress()) {
            return false;
        }
        parsedSize = u64(2);
        if (!numbers.ok()) {
            fail("invalid size '" + word(2) + "'");
            return false;
        }
        return true;
    }

    /** Word 1 as a guest address into {@code parsedAddr}; false after sending the FAIL reply. */
    private boolean memoryAddress() {
        parsedAddr = u64(1);
        if (!numbers.ok()) {
            fail("invalid address '" + word(1) + "'");
            return false;
        }
        return true;
    }

    private int dataLength(long len, String what) {
        if (Long.compareUnsigned(len, MAX_DATA) > 0) {
            fail(what + " length " + Long.toUnsignedString(len) + " exceeds the supported " + MAX_DATA);
            return -1;
        }
        int n = (int) len;
        if (data.length < n) {
            data = new byte[Math.max(n, data.length * 2)];
        }
        return n;
    }

    private void readBytes(boolean base64) {
        String cmd = base64 ? "b64read" : "read";
        if (!addressAndSize(2, base64 ? "b64read ADDR SIZE" : "read ADDR SIZE")) {
            return;
        }
        long addr = parsedAddr;
        long len = parsedSize;
        if (len == 0 && !base64) {
            fail("read of 0 bytes");
            return;
        }
        int n = dataLength(len, cmd);
        if (n < 0) {
            return;
        }
        target.cpuMemory().read(addr, data, 0, n);
        begin();
        if (base64) {
            append("OK ");
            ensureOut(outLen + (n + 2) / 3 * 4 + 1);
            byte[] enc = Base64.getEncoder().encode(Arrays.copyOf(data, n));
            System.arraycopy(enc, 0, out, outLen, enc.length);
            outLen += enc.length;
        } else {
            append("OK 0x");
            ensureOut(outLen + 2 * n + 1);
            byte[] o = out; // locals: a loop over every byte, interpreted at first
            byte[] bytes = data;
            byte[] hex = HEX;
            int p = outLen;
            for (int i = 0; i < n; i++) {
                int b = bytes[i];
                o[p++] = hex[b >> 4 & 0xf];
                o[p++] = hex[b & 0xf];
            }
            outLen = p;
        }
        append("\n");
        flushOut();
    }

    private void writeBytes() {
        if (!addressAndSize(3, "write ADDR SIZE DATA")) {
            return;
        }
        long addr = parsedAddr;
        long len = parsedSize;
        int dataLen = wordEnd[3] - wordStart[3];
        if (dataLen < 3) {
            send("ERR invalid argument size\n");
            return;
        }
        int n = dataLength(len, "write");
        if (n < 0) {
            return;
        }
        // the first two characters (the "0x") are skipped unchecked, as QEMU does; bytes past the digits are zero
        int whole = Math.min(n, (dataLen - 2) / 2);
        byte[] text = lineBuf; // locals: a loop over every digit, interpreted at first
        byte[] bytes = data;
        for (int i = 0, p = wordStart[3] + 2; i < whole; i++, p += 2) {
            bytes[i] = (byte) (hexNibble(text[p]) << 4 | hexNibble(text[p + 1]));
        }
        if (whole < n) {
            Arrays.fill(bytes, whole, n, (byte) 0);
        }
        target.cpuMemory().write(addr, data, 0, n);
        send(OK_LINE);
    }

    /** A hex digit's value; QEMU 7.2 takes an invalid digit as -1, which sets every bit it is or-ed into. */
    private static int hexNibble(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void b64write() {
        if (!addressAndSize(3, "b64write ADDR SIZE DATA")) {
            return;
        }
        long addr = parsedAddr;
        long len = parsedSize;
        int dataLen = wordEnd[3] - wordStart[3];
        if (dataLen < 3) {
            send("ERR invalid argument size\n");
            return;
        }
        int n = dataLength(len, "b64write");
        if (n < 0) {
            return;
        }
        byte[] decoded = GlibBase64.decode(lineBuf, wordStart[3], wordEnd[3]);
        // QEMU decodes in place and writes SIZE bytes of that buffer whatever the decoded
        // length: after the decoded bytes come the undecoded characters of the word, then its terminating NUL.
        // Past that QEMU reads beyond its buffer; we write zeros there.
        int copy = Math.min(decoded.length, n);
        System.arraycopy(decoded, 0, data, 0, copy);
        int textEnd = Math.min(n, dataLen);
        if (textEnd > copy) {
            System.arraycopy(lineBuf, wordStart[3] + copy, data, copy, textEnd - copy);
        }
        Arrays.fill(data, Math.max(copy, textEnd), n, (byte) 0);
        target.cpuMemory().write(addr, data, 0, n);
        send(OK_LINE);
    }

    private void memset() {
        if (!addressAndSize(3, "memset ADDR SIZE PATTERN")) {
            return;
        }
        long addr = parsedAddr;
        long len = parsedSize;
        long pattern = u64(3);
        if (!numbers.ok()) {
            fail("invalid pattern '" + word(3) + "'");
            return;
        }
        if (len != 0) {
            if (Long.compareUnsigned(len, 1L << 40) > 0) {
                fail("memset length " + Long.toUnsignedString(len) + " exceeds the supported " + (1L << 40));
                return;
            }
            target.cpuMemory().fill(addr, len, (byte) pattern);
        }
        send(OK_LINE);
    }

    // ---------------------------------------------------------------------------------------------------------
    // clock

    private void clockStep() {
        target.finishBlockIo();
        Clock clock = target.virtualClock();
        long old = clock.now();
        long ns;
        if (has(1)) {
            ns = numbers.parseI64(lineBuf, wordStart[1], wordEnd[1]);
            if (!numbers.ok()) {
                fail("invalid clock step '" + word(1) + "'");
                return;
            }
        } else {
            long deadline = clock.nextDeadline();
            if (deadline < 0) {
                if (compat.atLeast(Compat.V10_2)) {
                    send("FAIL cannot advance clock to the next deadline because there is no pending deadline\n");
                    return;
                }
                ns = -1; // 7.2: a warp to before now leaves the clock where it is
            } else {
                ns = Math.max(0, deadline - old);
            }
        }
        clock.warpTo(old + ns);
        long now = clock.now();
        if (compat.atLeast(Compat.V10_2) && now <= old) {
            send("FAIL could not advance time\n");
            return;
        }
        sendClock("OK ", now);
    }

    private void clockSet() {
        if (!has(1)) {
            fail("missing argument: clock_set NS");
            return;
        }
        long ns = numbers.parseI64(lineBuf, wordStart[1], wordEnd[1]);
        if (!numbers.ok()) {
            fail("invalid clock value '" + word(1) + "'");
            return;
        }
        target.finishBlockIo();
        Clock clock = target.virtualClock();
        clock.warpTo(ns);
        long now = clock.now();
        boolean exact = now == ns;
        sendClock(compat.atLeast(Compat.V10_2) && !exact ? "FAIL " : "OK ", now);
    }

    private void sendClock(String prefix, long now) {
        begin();
        append(prefix);
        appendDecimal(now);
        append("\n");
        flushOut();
    }

    // ---------------------------------------------------------------------------------------------------------
    // RTAS (sPAPR)

    /**
     * {@code rtas NAME NARGS ARGS NRET RETS}: calls the machine's RTAS service NAME on the cell buffers and answers
     * {@code OK 0}, or {@code OK 18446744073709551612} (H_PARAMETER) when there is no such service. The counts are
     * parsed as unsigned longs and cut to 32 bits, as QEMU does; QEMU aborts on a missing or malformed word, which
     * answers FAIL here.
     */
    private void rtas(QtestRtas rtas) {
        if (!has(5)) {
            fail("missing argument: rtas NAME NARGS ARGS NRET RETS");
            return;
        }
        long[] v = rtasWords;
        for (int i = 2; i <= 5; i++) {
            v[i] = u64(i);
            if (!numbers.ok()) {
                fail("invalid number '" + word(i) + "'");
                return;
            }
        }
        String name = word(1);
        if (rtas.known(name) && !rtas.modelled(name)) {
            fail("rtas " + name + " is not modelled by qtest-jvm");
            return;
        }
        long status = rtas.call(name, (int) v[2], v[3], (int) v[4], v[5]);
        send("OK " + Long.toUnsignedString(status) + "\n");
    }

    private final long[] rtasWords = new long[6];

    // ---------------------------------------------------------------------------------------------------------
    // IRQs

    private Device resolveDevice(int w) {
        QomObject o = QomPath.resolve(target.qomRoot(), word(w));
        return o instanceof Device d ? d : null;
    }

    private void irqIntercept(boolean outbound) {
        if (!has(1)) {
            fail("missing argument: irq_intercept_" + (outbound ? "out" : "in") + " QOM-PATH");
            return;
        }
        QomObject o = QomPath.resolve(target.qomRoot(), word(1));
        if (o == null) {
            send("FAIL Unknown device\n");
            return;
        }
        if (!(o instanceof Device dev)) {
            fail("'" + word(1) + "' is not a device");
            return;
        }
        boolean named = has(2);
        boolean v10 = compat.atLeast(Compat.V10_2);
        if (v10 && named && !outbound) {
            send("FAIL Interception of named in-GPIOs not yet supported\n");
            return;
        }
        if (interceptedDevice != null) {
            send(interceptedDevice == dev ? "OK\n" : "FAIL IRQ intercept already enabled\n");
            return;
        }
        boolean installed = false;
        if (outbound) {
            String wanted = named && v10 ? word(2) : Device.UNNAMED;
            for (Map.Entry<String, GpioOut[]> e : dev.gpioOutLists().entrySet()) {
                if (e.getKey().equals(wanted)) {
                    GpioOut[] list = e.getValue();
                    for (int i = 0; i < list.length; i++) {
                        list[i].intercept(this, i);
                    }
                    installed = true;
                }
            }
        } else {
            for (Map.Entry<String, Irq[]> e : dev.gpioInLists().entrySet()) {
                if (!v10 && !e.getKey().equals(Device.UNNAMED)) {
                    continue; // 7.2 intercepts only the unnamed list
                }
                Irq[] list = e.getValue();
                for (int i = 0; i < list.length; i++) {
                    list[i].intercept(this, i);
                }
                installed = true;
            }
        }
        if (!v10 || installed || (!outbound && !dev.gpioOutLists().isEmpty())) {
            interceptedDevice = dev;
            send(OK_LINE);
        } else {
            send("FAIL No intercepts installed\n");
        }
    }

    /**
     * Reports a level change of an intercepted line (qemu-qtest-reference.md §1.5; the level is passed on by the
     * line).
     */
    @Override
    public void intercepted(int n, int level) {
        if (n < 0 || n >= MAX_IRQ) {
            return;
        }
        if (irqLevels[n] != level) {
            irqLevels[n] = level;
            begin();
            append(level != 0 ? "IRQ raise " : "IRQ lower ");
            appendDecimal(n);
            append("\n");
            flushOut();
        }
    }

    private void setIrqIn() {
        if (!has(4)) {
            fail("missing argument: set_irq_in QOM-PATH NAME NUM LEVEL");
            return;
        }
        Device dev = resolveDevice(1);
        if (dev == null) {
            send("FAIL Unknown device\n");
            return;
        }
        String name = word(2);
        String list = name.equals("unnamed-gpio-in") ? Device.UNNAMED : name;
        int num = numbers.parseI32(lineBuf, wordStart[3], wordEnd[3]);
        if (!numbers.ok()) {
            fail("invalid IRQ number '" + word(3) + "'");
            return;
        }
        int level = numbers.parseI32(lineBuf, wordStart[4], wordEnd[4]);
        if (!numbers.ok()) {
            fail("invalid IRQ level '" + word(4) + "'");
            return;
        }
        Irq irq = dev.gpioIn(list, num);
        if (irq == null) {
            fail("no input GPIO " + num + " in list '" + name + "' of " + dev.path());
            return;
        }
        irq.set(level);
        send(OK_LINE);
    }

    // ---------------------------------------------------------------------------------------------------------
    // output

    private static int size(byte c) {
        return switch (c) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'l' -> 4;
            case 'q' -> 8;
            default -> 0;
        };
    }

    private void fail(String reason) {
        send("FAIL " + reason.replace('\n', ' ') + "\n");
    }

    private void send(String s) {
        begin();
        append(s);
        flushOut();
    }

    private void send(byte[] line) {
        log.sent(line, 0, line.length);
        output.line(line, 0, line.length);
    }

    private void begin() {
        outLen = 0;
    }

    private void ensureOut(int size) {
        if (size > out.length) {
            out = Arrays.copyOf(out, Math.max(size, out.length * 2));
        }
    }

    private void append(String s) {
        int n = s.length();
        ensureOut(outLen + n);
        for (int i = 0; i < n; i++) {
            out[outLen++] = (byte) s.charAt(i);
        }
    }

    private void appendWord(int w) {
        int n = wordEnd[w] - wordStart[w];
        ensureOut(outLen + n);
        System.arraycopy(lineBuf, wordStart[w], out, outLen, n);
        outLen += n;
    }

    /** %016x */
    private void appendHexFixed(long v, int digits) {
        ensureOut(outLen + digits);
        for (int i = digits - 1; i >= 0; i--) {
            out[outLen + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
        outLen += digits;
    }

    /** %0Nx: at least N digits. */
    private void appendHexMin(long v, int minDigits) {
        int digits = Math.max(minDigits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        appendHexFixed(v, digits);
    }

    private void appendDecimal(long v) {
        if (v < 0) {
            append("-");
            if (v == Long.MIN_VALUE) {
                append("9223372036854775808");
                return;
            }
            v = -v;
        }
        int digits = 1;
        for (long t = v / 10; t != 0; t /= 10) {
            digits++;
        }
        ensureOut(outLen + digits);
        for (int i = digits - 1; i >= 0; i--) {
            out[outLen + i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        outLen += digits;
    }

    private void flushOut() {
        log.sent(out, 0, outLen);
        output.line(out, 0, outLen);
    }
}
