package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;
import io.qtestjvm.server.qtest.Compat;

/**
 * The emulated targets: the byte order of the arch a launcher names, and the board a configuration builds (through
 * its machine descriptor, {@link Machines}).
 */
public final class Targets {
    private Targets() {
    }

    public static boolean bigEndian(String arch) throws StartupException {
        return switch (arch) {
            case "x86_64", "i386", "arm", "aarch64" -> false;
            case "ppc64" -> true;
            default -> throw new StartupException("unsupported target '" + arch
                    + "' (x86_64, i386, arm, aarch64, ppc64)");
        };
    }

    /** {@code -machine help}. */
    public static String machineHelp(String arch, Compat compat) {
        return Machines.help(arch, compat);
    }

    /**
     * Builds the board the configuration names, with its machine descriptor's factory; first throws the errors QEMU
     * reports only once it makes the back ends and the board (a {@code -netdev}'s, then the CPU model's).
     */
    public static Board create(MachineConfig config) throws StartupException {
        config.checkNetdevErrors();
        config.checkBoardErrors();
        return config.machine().factory().create(config, bigEndian(config.arch()));
    }
}
