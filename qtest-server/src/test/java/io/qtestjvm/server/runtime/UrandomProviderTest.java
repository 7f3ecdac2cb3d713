package io.qtestjvm.server.runtime;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;

import sun.security.jca.ProviderList;
import sun.security.jca.Providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The provider StartupWarmup lists for its own thread while it readies the JDK's unix sockets: within that thread's
 * list the JDK's request for {@code NativePRNGNonBlocking} gets it, and it gives random bytes; outside, and after
 * the list is ended, the JDK's own providers serve as before.
 */
class UrandomProviderTest {
    @Test
    void theThreadsListServesTheGeneratorAndTheProcessListIsUntouched() throws Exception {
        ProviderList previous = Providers.beginThreadProviderList(ProviderList.newList(new UrandomProvider()));
        SecureRandom inside;
        try {
            inside = SecureRandom.getInstance(UrandomProvider.ALGORITHM);
        } finally {
            Providers.endThreadProviderList(previous);
        }
        assertEquals("QtestJvmUrandom", inside.getProvider().getName());
        assertEquals(UrandomProvider.ALGORITHM, inside.getAlgorithm());
        assertEquals("SUN", SecureRandom.getInstance(UrandomProvider.ALGORITHM).getProvider().getName(),
                "after the thread's list ended");
    }

    @Test
    void itGivesRandomBytesAndSeeds() throws Exception {
        SecureRandom r = SecureRandom.getInstance(UrandomProvider.ALGORITHM, new UrandomProvider());
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        r.nextBytes(a);
        r.nextBytes(b);
        assertFalse(Arrays.equals(a, new byte[64]), "not all zero");
        assertFalse(Arrays.equals(a, b), "two draws differ");
        assertEquals(16, r.generateSeed(16).length);
        assertNotEquals(r.nextInt(), r.nextInt()); // one chance in 2^32 of a false failure
    }
}
