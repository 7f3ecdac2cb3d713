package io.qtestjvm.devices.sd;

import java.util.Arrays;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;

/**
 * The slot's register window (SD Host Controller Simplified Specification 3.00 §2.1) as a flyweight over a
 * 256-byte little-endian buffer: every register lives at its specification offset ({@link SdhcRegisterMap}), so a
 * register read is a load from the buffer and the engines name the fields they change. Side effects of accesses
 * (command issue, write-1-to-clear, the buffer data port) belong to the device ({@link Sdhci}), not here. The
 * buffer is a plain array whose bytes are put together by hand: the Buffer Data Port path reads it on every access,
 * and a byte-array view's var handle costs several interpreted frames an access while a short-lived stand-in has
 * not compiled it.
 */
final class SdhcRegisterFile {
    private final byte[] buffer = new byte[WINDOW_SIZE];

    int u8(int offset) {
        return buffer[offset] & 0xff;
    }

    int u16(int offset) {
        byte[] b = buffer;
        return b[offset] & 0xff | (b[offset + 1] & 0xff) << 8;
    }

    int u32(int offset) {
        byte[] b = buffer;
        return b[offset] & 0xff | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16 | b[offset + 3] << 24;
    }

    long u64(int offset) {
        return u32(offset) & 0xffff_ffffL | (long) u32(offset + 4) << 32;
    }

    void put8(int offset, int value) {
        buffer[offset] = (byte) value;
    }

    void put16(int offset, int value) {
        byte[] b = buffer;
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
    }

    void put32(int offset, int value) {
        byte[] b = buffer;
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
        b[offset + 3] = (byte) (value >>> 24);
    }

    void put64(int offset, long value) {
        put32(offset, (int) value);
        put32(offset + 4, (int) (value >>> 32));
    }

    /** Zeroes {@code [from, to)}. */
    void clear(int from, int to) {
        Arrays.fill(buffer, from, to, (byte) 0);
    }

    // §2.2.1 - §2.2.3

    long sdmaAddress() {
        return u32(SDMA_SYSTEM_ADDRESS) & 0xffff_ffffL;
    }

    void setSdmaAddress(long address) {
        put32(SDMA_SYSTEM_ADDRESS, (int) address);
    }

    /** Transfer Block Size in bytes (§2.2.2, bits 11:0). */
    int transferBlockSize() {
        return u16(BLOCK_SIZE) & BLOCK_SIZE_TRANSFER_MASK;
    }

    /** SDMA Buffer Boundary in bytes: 4 KiB to 512 KiB (§2.2.2, bits 14:12). */
    int sdmaBufferBoundary() {
        return 4096 << ((u16(BLOCK_SIZE) & BLOCK_SIZE_BOUNDARY_MASK) >>> BLOCK_SIZE_BOUNDARY_SHIFT);
    }

    int blockCount() {
        return u16(BLOCK_COUNT);
    }

    void setBlockCount(int count) {
        put16(BLOCK_COUNT, count);
    }

    // §2.2.5 / §2.2.6

    int transferMode() {
        return u16(TRANSFER_MODE);
    }

    boolean transferMode(int bit) {
        return (u16(TRANSFER_MODE) & bit) != 0;
    }

    int command() {
        return u16(COMMAND);
    }

    // §2.2.9

    int presentState() {
        return u32(PRESENT_STATE);
    }

    boolean presentState(int bit) {
        return (u32(PRESENT_STATE) & bit) != 0;
    }

    void setPresentState(int bits) {
        put32(PRESENT_STATE, u32(PRESENT_STATE) | bits);
    }

    void clearPresentState(int bits) {
        put32(PRESENT_STATE, u32(PRESENT_STATE) & ~bits);
    }

    /** DMA Select of Host Control 1 (§2.2.10). */
    int dmaSelect() {
        return (u8(HOST_CONTROL_1) >>> HC1_DMA_SELECT_SHIFT) & HC1_DMA_SELECT_MASK;
    }

    // §2.2.17 - §2.2.22

    /** Sets Normal Interrupt Status {@code bits} that their Status Enable lets through (§2.2.19). */
    void raiseNormal(int bits) {
        int enabled = bits & u16(NORMAL_INT_STATUS_ENABLE);
        put16(NORMAL_INT_STATUS, u16(NORMAL_INT_STATUS) | enabled);
    }

    /** Sets Error Interrupt Status {@code bits} that their Status Enable lets through, with Error Interrupt. */
    void raiseError(int bits) {
        int enabled = bits & u16(ERROR_INT_STATUS_ENABLE);
        if (enabled != 0) {
            put16(ERROR_INT_STATUS, u16(ERROR_INT_STATUS) | enabled);
            put16(NORMAL_INT_STATUS, u16(NORMAL_INT_STATUS) | NI_ERROR_INTERRUPT);
        }
    }

    void clearNormal(int bits) {
        put16(NORMAL_INT_STATUS, u16(NORMAL_INT_STATUS) & ~bits);
    }

    /** Error Interrupt (§2.2.17 bit 15) follows whether any Error Interrupt Status bit is set. */
    void summariseErrors() {
        int normal = u16(NORMAL_INT_STATUS);
        put16(NORMAL_INT_STATUS, u16(ERROR_INT_STATUS) != 0 ? normal | NI_ERROR_INTERRUPT
                : normal & ~NI_ERROR_INTERRUPT);
    }

    // §2.2.29 / §2.2.30

    int admaErrorStatus() {
        return u8(ADMA_ERROR_STATUS);
    }

    void setAdmaErrorStatus(int value) {
        put8(ADMA_ERROR_STATUS, value);
    }

    long admaAddress() {
        return u64(ADMA_SYSTEM_ADDRESS);
    }

    void setAdmaAddress(long address) {
        put64(ADMA_SYSTEM_ADDRESS, address);
    }
}
