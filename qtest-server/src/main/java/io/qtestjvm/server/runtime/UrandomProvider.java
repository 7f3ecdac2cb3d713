package io.qtestjvm.server.runtime;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Provider;
import java.security.SecureRandomSpi;

/**
 * A security provider of one service, the {@code NativePRNGNonBlocking} random generator, reading
 * {@code /dev/urandom} as the JDK's own does. The JDK's unix-domain socket support asks for that generator when it is
 * first used (for the names of auto-bound sockets); {@link StartupWarmup} makes this provider the only one of its
 * thread's provider list while it readies the sockets, so that request does not load the JDK's security
 * configuration and providers (the {@code SUN} provider's service table, the OID table: most of the ~12 ms the first
 * unix channel took). The process's own provider list stays as the JDK made it.
 */
final class UrandomProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final String ALGORITHM = "NativePRNGNonBlocking";

    UrandomProvider() {
        super("QtestJvmUrandom", "1", "/dev/urandom as " + ALGORITHM);
        // made directly: the JDK would find the class's constructor by reflection
        putService(new Service(this, "SecureRandom", ALGORITHM, Urandom.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) {
                return new Urandom();
            }
        });
    }

    /** Bytes from {@code /dev/urandom}, which never blocks once the kernel's pool is initialised. */
    static final class Urandom extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        @Override
        protected void engineSetSeed(byte[] seed) {
            // the kernel's pool needs no seed from us
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            try (FileInputStream in = new FileInputStream("/dev/urandom")) {
                if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                    throw new IOException("short read");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("/dev/urandom: " + e.getMessage(), e);
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            engineNextBytes(b);
            return b;
        }
    }
}
