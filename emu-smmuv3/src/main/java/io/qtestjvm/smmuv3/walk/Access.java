package io.qtestjvm.smmuv3.walk;

/** The kind of a client transaction (IHI 0070 3.7: read or write; the event record's RnW bit). */
public final class Access {
    private Access() {
    }

    public static final int READ = 1;
    public static final int WRITE = 2;
}
