package io.qtestjvm.devices.sd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import static io.qtestjvm.devices.sd.SdhcRegisterMap.*;

/**
 * The slot's register window (SD Host Controller Simplified Specification 3.00 §2.1) as a flyweight over a
 * 256-byte little-endian buffer: every register lives at its specification offset ({@link SdhcRegisterMap}), so a
 * register read is a load from the buffer and the engines name the fields they change. Side effects of accesses
 * (command issue, write-1-to-clear, the buffer data port) belong to the device ({@link Sdhci}), not here. The
 * buffer is a plain array read through byte-array views: the Buffer Data Port path reads it on every access.
 */
final class SdhcRegisterFile {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private final byte[] buffer = new byte[WINDOW_SIZE];

    int u8(int offset) {
        return buffer[offset] & 0xff;
    }

    int u16(int offset) {
        return (short) U16.get(buffer, offset) & 0xffff;
    }

    int u32(int offset) {
        return (int) U32.get(buffer, offset);
    }

    long u64(int offset) {
        return (long) U64.get(buffer, offset);
    }

    void put8(int offset, int value) {
        buffer[offset] = (byte) value;
    }

    void put16(int offset, int value) {
        U16.set(buffer, offset, (short) value);
    }

    void put32(int offset, int value) {
        U32.set(buffer, offset, value);
    }

    void put64(int offset, long value) {
        U64.set(buffer, offset, value);
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
