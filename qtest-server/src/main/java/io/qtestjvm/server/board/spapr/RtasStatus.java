package io.qtestjvm.server.board.spapr;

/** RTAS status values (LoPAPR chapter 7, "RTAS Call Status Values"), as the status cell carries them. */
public final class RtasStatus {
    public static final int SUCCESS = 0;
    public static final int HARDWARE_ERROR = -1;
    /** "Parameter error", also what a wrong argument or return count gets. */
    public static final int PARAMETER_ERROR = -3;
    /** Not supported: the same value as parameter error on this platform. */
    public static final int NOT_SUPPORTED = -3;

    /** What the qtest {@code rtas} command answers for a name the RTAS has ({@code H_SUCCESS}). */
    public static final long QTEST_CALLED = 0;
    /** ... and for a name it does not have: {@code H_PARAMETER} (-4), printed unsigned. */
    public static final long QTEST_UNKNOWN = -4;

    private RtasStatus() {
    }
}
