package io.qtestjvm.qos.tests;

import java.util.Arrays;

/**
 * GLib's {@code g_assert*} for graph tests: main-scope code has no JUnit, and an {@link AssertionError} is what
 * JUnit reports as a failure. Messages name what was checked, the value found and the value expected.
 */
public final class Check {
    private Check() {
    }

    public static void equal(long expected, long actual, String what) {
        if (expected != actual) {
            throw new AssertionError(what + ": 0x" + Long.toHexString(actual) + ", expected 0x"
                    + Long.toHexString(expected));
        }
    }

    public static void equalBytes(byte[] expected, byte[] actual, String what) {
        if (!Arrays.equals(expected, actual)) {
            throw new AssertionError(what + ": " + hex(actual) + ", expected " + hex(expected));
        }
    }

    public static void isTrue(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }
}
