package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.core.Timer;

import io.qtestjvm.server.cli.NetdevSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The one virtual-clock timer of a user-mode network back end (QEMU's default {@code -net nic -net user}, which
 * QEMU adds unless {@code -nodefaults}, {@code -net}, {@code -nic} or {@code -netdev} is given, or a
 * {@code -netdev user}): libslirp's IPv6 router
 * advertisement timer (RFC 4861 6.2.1, 6.2.4).
 * It is armed when the backend starts and re-armed each time it fires, at a random interval of whole milliseconds
 * in [{@value #MIN_INTERVAL_MS}, {@value #MAX_INTERVAL_MS}) ms ({@code g_rand_int_range} over
 * NDP_MinRtrAdvInterval..NDP_MaxRtrAdvInterval, with a generator seeded per process). The advertisement it sends
 * goes nowhere here.
 *
 * <p>Why it matters: QEMU's timer is QEMU_CLOCK_VIRTUAL with SCALE_MS and the "external" attribute, so qtest's
 * argument-less {@code clock_step} (which asks for the deadline over all timers) stops at it: on a board with no
 * other pending timer, such as raspi2b, the first {@code clock_step} answers this random instant (the 7.2
 * transcript recorded 319336000000). icount's warp ignores external timers, which is why {@code -accel tcg} with
 * {@code -icount sleep=off} never jumps there.
 */
final class UserNetRouterAdvertTimer {
    static final int MIN_INTERVAL_MS = 200_000;
    static final int MAX_INTERVAL_MS = 600_000;
    private static final long NS_PER_MS = 1_000_000;
    private static final long CATCH_UP_INTERVALS = 1024;

    private final Clock clock;
    private final Timer timer;
    private final SplittableRandom random;

    UserNetRouterAdvertTimer(Clock virtualClock, SplittableRandom random) {
        this.clock = virtualClock;
        this.random = random;
        this.timer = virtualClock.newTimer(this::advertise, this::catchUp);
        arm();
    }

    /**
     * One timer per user-mode back end with IPv6 on (libslirp's {@code in6_enabled}, {@code ipv6=off} clears it):
     * QEMU's default network when the configuration gets it, then each {@code -netdev user}.
     */
    static List<UserNetRouterAdvertTimer> forConfig(MachineConfig config, Clock virtualClock,
                                                     SplittableRandom random) {
        List<UserNetRouterAdvertTimer> out = new ArrayList<>();
        if (config.defaultNic() && config.netdevs().isEmpty()) {
            out.add(new UserNetRouterAdvertTimer(virtualClock, random));
        }
        for (NetdevSpec n : config.netdevs()) {
            if (n.type().equals("user") && !"off".equals(n.options().get("ipv6"))) {
                out.add(new UserNetRouterAdvertTimer(virtualClock, random));
            }
        }
        return out;
    }

    private void arm() {
        long nowMs = clock.now() / NS_PER_MS;
        // in milliseconds, as the timer's scale: past the last representable nanosecond it never fires again
        timer.modScaled(nowMs + random.nextInt(MIN_INTERVAL_MS, MAX_INTERVAL_MS), NS_PER_MS);
    }

    private void advertise() {
        arm();
    }

    /**
     * A warp over more than {@value #CATCH_UP_INTERVALS} intervals (about a week) skips the advertisements on the
     * way, which nothing observes: the next one is drawn within one interval after the warp's target. Shorter warps
     * fire every advertisement, so the deadlines a test can see through an argument-less {@code clock_step} follow
     * the generator as before. Without this a {@code clock_step} of 2^63 ns fired the timer ~2 * 10^7 times.
     */
    private void catchUp(long targetNs) {
        long behindNs = targetNs - timer.expireNs();
        if (behindNs / NS_PER_MS / MAX_INTERVAL_MS < CATCH_UP_INTERVALS) {
            return;
        }
        long targetMs = targetNs / NS_PER_MS;
        long interval = random.nextInt(MIN_INTERVAL_MS, MAX_INTERVAL_MS);
        timer.modScaled(targetMs + random.nextLong(1, interval + 1), NS_PER_MS);
    }

    long deadlineNs() {
        return timer.expireNs();
    }
}
