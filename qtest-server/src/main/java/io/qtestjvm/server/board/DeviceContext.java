package io.qtestjvm.server.board;

import io.qtestjvm.core.Clock;
import io.qtestjvm.devices.block.BlockBackend;

import java.util.Set;
import java.util.function.Consumer;

/**
 * What a machine hands the device factories of its type registry ({@link QomTypes}) when {@code -device} or
 * {@code device_add} builds a device: the virtual clock, the configuration (for {@code drive=}), the drives other
 * devices took already, and where to keep an opened image so that the board flushes it at exit.
 *
 * @param virtualClock  QEMU_CLOCK_VIRTUAL of the machine
 * @param config        the machine's configuration
 * @param claimedDrives ids of drives already attached to a device (a factory adds the one it takes)
 * @param keepBackend   remembers an opened image for the board's flush at exit
 * @param blocks        the machine's block layer (drives and block nodes by name)
 * @param net           the machine's network layer ({@code netdev=})
 */
public record DeviceContext(Clock virtualClock, MachineConfig config, Set<String> claimedDrives,
                            Consumer<BlockBackend> keepBackend, BlockLayer blocks,
                            io.qtestjvm.server.net.NetStack net) {
}
