package io.qtestjvm.devices.block;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A size as QEMU 7.2 prints it in messages: a byte count in the binary unit that keeps the number below 1000,
 * printed as C's {@code "%0.3g %s"} (three significant digits, trailing zeros dropped): {@code 977 KiB},
 * {@code 1 MiB}, {@code 1.5 GiB}. Used where QEMU puts a size in an error message.
 */
public final class SizeText {
    private static final String[] SUFFIXES = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private SizeText() {
    }

    public static String of(long bytes) {
        double val = bytes < 0 ? bytes + 0x1p64 : bytes;
        // frexp(val / (1000 / 1024)) exponent, minus one, in tens: switches unit once the number reaches 1000
        double scaled = val / (1000.0 / 1024.0);
        int exp = scaled == 0 ? 0 : Math.getExponent(scaled) + 1;
        int i = Math.max(0, (exp - 1) / 10);
        i = Math.min(i, SUFFIXES.length - 1);
        double div = Math.scalb(1.0, i * 10);
        return g3(val / div) + " " + SUFFIXES[i];
    }

    /** C's {@code %.3g} for a non-negative value. */
    static String g3(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN));
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 3) {
            BigDecimal mant = d.movePointLeft(exponent).stripTrailingZeros();
            return mant.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return d.stripTrailingZeros().toPlainString();
    }
}
