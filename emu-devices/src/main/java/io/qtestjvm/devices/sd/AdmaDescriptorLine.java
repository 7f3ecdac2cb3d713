package io.qtestjvm.devices.sd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One line of an ADMA descriptor table, as a flyweight over the bytes fetched from guest memory (SD Host Controller
 * Simplified Specification 3.00 §1.13 "Advanced DMA", its descriptor table format for ADMA2; the 2.00
 * specification's ADMA1 for DMA Select 01b). Little endian. The layouts:
 * <ul>
 *   <li>ADMA2, 32-bit addressing: 8 bytes; bits 15:0 attribute, 31:16 length, 63:32 address.</li>
 *   <li>ADMA2, 64-bit addressing: 12 bytes; as above with a 64-bit address in bytes 4-11.</li>
 *   <li>ADMA1: 4 bytes; bits 5:0 attribute, 31:12 the page address, or the length (bits 27:12) of a Set line.</li>
 * </ul>
 * Attribute bits (both formats): Valid (0), End (1), Int (2), Act (5:4): 00b Nop, 01b Set (ADMA1; reserved in
 * ADMA2), 10b Tran, 11b Link. A length of 0 means 65536 bytes.
 *
 * <p>QEMU 7.2 facts kept: a 32-bit ADMA2 address has its two low bits cleared (the specification's 4-byte address
 * unit) while a 64-bit one is used as written; an ADMA1 Tran line always moves 4 KiB, the length of a preceding Set
 * line is not kept (pinned by {@code AdmaDescriptorLineTest} and
 * {@code AdmaEngineTest.adma1TranLineMovesAPageWhateverTheSetLineSays}, and on Debian's QEMU by
 * {@code SdhciQemuFactsTest.adma1TranLineMovesAPageWhateverTheSetLineSays}).
 */
final class AdmaDescriptorLine {
    static final int VALID = 1;
    static final int END = 1 << 1;
    static final int INT = 1 << 2;
    static final int ACT_MASK = 0x3 << 4;
    static final int ACT_NOP = 0;
    static final int ACT_SET = 1 << 4;
    static final int ACT_TRAN = 2 << 4;
    static final int ACT_LINK = 3 << 4;
    private static final int ATTRIBUTE_MASK = 0x3f;
    private static final int ADMA1_PAGE = 4096;

    static final int ADMA2_32_SIZE = 8;
    static final int ADMA2_64_SIZE = 12;
    static final int ADMA1_SIZE = 4;
    /** Room for the largest line. */
    static final int MAX_SIZE = ADMA2_64_SIZE;

    /**
     * The line's bytes, read little endian. A JDK buffer rather than an Agrona one: Agrona binds each of its
     * accessors through an {@code invokedynamic} bootstrap on first use, milliseconds of CPU in a short-lived
     * stand-in (see {@code SparseRam}).
     */
    private final ByteBuffer view = ByteBuffer.wrap(new byte[MAX_SIZE]).order(ByteOrder.LITTLE_ENDIAN);
    private int format;

    /** The bytes to fill with the line at the table address; then {@link #wrap(int)}. */
    byte[] bytes() {
        return view.array();
    }

    /** Line size in the table for DMA Select {@code dmaSelect} (§2.2.10). */
    static int size(int dmaSelect) {
        return switch (dmaSelect) {
            case SdhcRegisterMap.DMA_ADMA2_64 -> ADMA2_64_SIZE;
            case SdhcRegisterMap.DMA_ADMA1_32 -> ADMA1_SIZE;
            default -> ADMA2_32_SIZE;
        };
    }

    /** Reads the fetched bytes as a line of the table format {@code dmaSelect}. */
    AdmaDescriptorLine wrap(int dmaSelect) {
        this.format = dmaSelect;
        return this;
    }

    int attribute() {
        return view.get(0) & ATTRIBUTE_MASK;
    }

    boolean valid() {
        return (attribute() & VALID) != 0;
    }

    boolean end() {
        return (attribute() & END) != 0;
    }

    boolean interrupt() {
        return (attribute() & INT) != 0;
    }

    int action() {
        return attribute() & ACT_MASK;
    }

    /** Bytes to move for a Tran line: 1 to 65536. */
    int length() {
        if (format == SdhcRegisterMap.DMA_ADMA1_32) {
            return ADMA1_PAGE;
        }
        int len = view.getShort(2) & 0xffff;
        return len == 0 ? 0x10000 : len;
    }

    /** The data address of a Tran line, or the next table address of a Link line. */
    long address() {
        return switch (format) {
            case SdhcRegisterMap.DMA_ADMA2_64 -> view.getLong(4);
            case SdhcRegisterMap.DMA_ADMA1_32 -> view.getInt(0) & 0xffff_f000L;
            default -> view.getInt(4) & 0xffff_fffcL;
        };
    }

    /** Distance to the next line of the table. */
    int size() {
        return size(format);
    }
}
