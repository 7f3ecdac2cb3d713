package io.qtestjvm.server.board;

import io.qtestjvm.server.cli.StartupException;

/** The emulated targets: the arch a launcher names, its byte order and its default machine. */
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

    /** Builds the board the configuration names, or fails as QEMU does for an unknown machine. */
    public static Board create(MachineConfig config) throws StartupException {
        String arch = config.arch();
        boolean big = bigEndian(arch);
        String type = config.machineType();
        if (type == null) {
            type = switch (arch) {
                case "x86_64", "i386" -> "pc";
                default -> throw new StartupException("No machine specified, and there is no default\n"
                        + "Use -machine help to list supported machines");
            };
        }
        if (type.equals("none")) {
            return new NoneBoard(config, big);
        }
        if ((arch.equals("x86_64") || arch.equals("i386")) && PcBoard.accepts(type, config.compat())) {
            return new PcBoard(config);
        }
        if (type.equals("help") || type.equals("?")) {
            throw new StartupException("help");
        }
        throw new StartupException("unsupported machine type\nUse -machine help to list supported machines");
    }
}
