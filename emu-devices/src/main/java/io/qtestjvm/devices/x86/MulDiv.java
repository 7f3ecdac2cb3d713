package io.qtestjvm.devices.x86;

/**
 * QEMU's {@code muldiv64(a, b, c)} (include/qemu/host-utils.h): {@code a * b / c} with a 96-bit intermediate,
 * {@code a} unsigned 64-bit, {@code b} and {@code c} unsigned 32-bit, truncated towards zero. The PIT and the RTC
 * convert between nanoseconds and their own tick rates with it, and the guest-visible deadlines depend on its
 * exact rounding (the PIT's first deadline of 27462700 ns is {@code muldiv64(32768, 1e9, 1193182)}).
 */
public final class MulDiv {
    private MulDiv() {
    }

    public static long muldiv64(long a, long b, long c) {
        if (b < 0 || b > 0xffff_ffffL || c <= 0 || c > 0xffff_ffffL) {
            throw new IllegalArgumentException("muldiv64 factors " + b + "/" + c + " are not 32-bit unsigned (c > 0)");
        }
        long lo = (a & 0xffff_ffffL) * b;     // < 2^64, unsigned
        long hi = (a >>> 32) * b;               // < 2^64, unsigned
        long rh = hi + (lo >>> 32);             // the middle 64 bits of the 96-bit product
        long resHi = Long.divideUnsigned(rh, c);
        long rem = Long.remainderUnsigned(rh, c);
        long resLo = Long.divideUnsigned((rem << 32) | (lo & 0xffff_ffffL), c);
        return (resHi << 32) + resLo;
    }
}
