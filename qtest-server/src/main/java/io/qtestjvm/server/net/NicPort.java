package io.qtestjvm.server.net;

import io.qtestjvm.devices.virtio.VirtioNet;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * The network end of a virtio-net device: what the device transmits goes to the peer, what the peer sends is put
 * into the device's receive buffers. Frames the host itself sends from the NIC (announce-self's RARP) while the VM
 * is stopped wait here and go when it runs again, as Debian's QEMU 7.2 holds them (observed: five rounds issued
 * under {@code -S} reached the socket together right after {@code cont}).
 */
final class NicPort extends NetClient {
    /** Frames held while the VM is stopped, at most this many. */
    private static final int HELD_MAX = 256;

    private final VirtioNet device;
    private final String model;
    private final BooleanSupplier running;
    private final ArrayDeque<byte[]> held = new ArrayDeque<>();

    NicPort(String name, String model, VirtioNet device, BooleanSupplier running) {
        super(name);
        this.model = model;
        this.device = device;
        this.running = running;
        device.setBackend((f, off, len) -> send(f, off, len));
    }

    VirtioNet device() {
        return device;
    }

    /** Sends a frame of the host's own (not the guest's) from this NIC. */
    void sendFromHost(byte[] frame) {
        if (!running.getAsBoolean()) {
            if (held.size() < HELD_MAX) {
                held.add(frame);
            }
            return;
        }
        send(frame, 0, frame.length);
    }

    /** The VM's run state as the network layer last saw it. */
    void runStateChanged(boolean run) {
        if (run) {
            byte[] f;
            while ((f = held.poll()) != null) {
                send(f, 0, f.length);
            }
        }
        device.setRunning(run);
    }

    @Override
    void setLinkDown(boolean down) {
        super.setLinkDown(down);
        device.setLink(!down);
    }

    @Override
    int deliver(byte[] f, int off, int len) {
        if (linkDown()) {
            return DROPPED;
        }
        return device.receive(f, off, len);
    }

    @Override
    String describe() {
        byte[] m = device.permanentMac();
        return name() + ": index=0,type=nic,model=" + model + ",macaddr=" + String.format(
                "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
    }
}
