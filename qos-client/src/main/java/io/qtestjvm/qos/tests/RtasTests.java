package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqos.GuestAllocator;
import io.qtestjvm.qos.libqos.ppc64.PseriesMachine;
import io.qtestjvm.qos.libqtest.QTestState;
import io.qtestjvm.qos.libqtest.QtestFunctions;

/**
 * QEMU's rtas-test (tests/qtest/rtas-test.c) as a plain ppc64 test: {@code /ppc64/rtas/get-time-of-day} asks the
 * pseries RTAS for the time (no argument cells, eight return cells from the machine's allocator range) and checks
 * the status and that the date is within five seconds of the host's clock.
 */
public final class RtasTests {
    private static final int TIME_OF_DAY_RETS = 8;

    private RtasTests() {
    }

    public static void register(QtestFunctions reg) {
        if (!reg.arch().equals("ppc64")) {
            return;
        }
        reg.add("rtas/get-time-of-day", l -> {
            try (QTestState qts = l.init("-machine pseries")) {
                getTimeOfDay(qts);
            }
        });
    }

    private static void getTimeOfDay(QTestState qts) {
        GuestAllocator alloc = new GuestAllocator(PseriesMachine.ALLOC_START, PseriesMachine.ALLOC_END,
                PseriesMachine.PAGE_SIZE);
        long args = alloc.alloc(4);
        long rets = alloc.alloc(TIME_OF_DAY_RETS * 4);
        long before = System.currentTimeMillis() / 1000;
        qts.rtas("get-time-of-day", 0, args, TIME_OF_DAY_RETS, rets);
        Check.equal(0, qts.readl(rets), "get-time-of-day status");
        long year = qts.readl(rets + 4);
        long month = qts.readl(rets + 8);
        long day = qts.readl(rets + 12);
        long hour = qts.readl(rets + 16);
        long minute = qts.readl(rets + 20);
        long second = qts.readl(rets + 24);
        long guest = java.time.LocalDateTime.of((int) year, (int) month, (int) day, (int) hour, (int) minute,
                (int) second).toEpochSecond(java.time.ZoneOffset.UTC);
        Check.isTrue(guest - before < 5, "guest time " + guest + " within 5 s of the host's " + before);
        alloc.free(rets);
        alloc.free(args);
    }
}
