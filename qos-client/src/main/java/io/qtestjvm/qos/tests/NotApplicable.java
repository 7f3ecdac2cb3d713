package io.qtestjvm.qos.tests;

/**
 * Thrown by a graph test that finds the machine under test lacks what it exercises (e.g. SDMA on a controller whose
 * capabilities do not offer it). Not a failure: a JUnit runner reports it as an aborted (skipped) test with the
 * reason; QEMU's qos-test has no such outcome (its tests simply return, as {@code g_test_skip} would record).
 */
public final class NotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotApplicable(String reason) {
        super(reason, null, false, false);
    }

    /** Throws unless {@code condition} holds. */
    public static void unless(boolean condition, String reason) {
        if (!condition) {
            throw new NotApplicable(reason);
        }
    }
}
