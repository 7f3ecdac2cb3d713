package io.qtestjvm.server.qtest;

/**
 * The QEMU version whose observable behaviour we follow, chosen by {@code QTEST_JVM_COMPAT} ({@code 7.2} or
 * {@code 10.2}, the default). It changes the qtest clock replies and the IRQ interception rules (reference 1.3,
 * 1.5) and, in QMP, the schema and the greeting.
 */
public enum Compat {
    V7_2(7, 2, 22),
    V10_2(10, 2, 2);

    private final int major;
    private final int minor;
    private final int micro;

    Compat(int major, int minor, int micro) {
        this.major = major;
        this.minor = minor;
        this.micro = micro;
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public int micro() {
        return micro;
    }

    public boolean atLeast(Compat other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code 7.2}, {@code 7.2.22}, {@code 10.2}, {@code 10.2.0}; null or empty gives the default. */
    public static Compat parse(String text) {
        if (text == null || text.isBlank()) {
            return V10_2;
        }
        String t = text.trim();
        for (Compat c : values()) {
            String mm = c.major + "." + c.minor;
            if (t.equals(mm) || t.startsWith(mm + ".")) {
                return c;
            }
        }
        throw new IllegalArgumentException("QTEST_JVM_COMPAT '" + text + "' is not one of 7.2, 10.2");
    }

    public static Compat fromEnvironment() {
        return parse(System.getenv("QTEST_JVM_COMPAT"));
    }
}
