package io.qtestjvm.devices.virtio;

import io.qtestjvm.core.Device;
import java.util.function.Function;

/**
 * A virtio device as a QOM device on a virtio bus ({@code virtio-blk-device}, {@code virtio-rng-device},
 * {@code virtio-net-device}): the device type of virtio 1.2 §5 without a transport. It is built before it is plugged;
 * the transport it lands on (virtio 1.2 §4.2 MMIO) gives it the path to guest memory and creates the
 * {@link VirtioDevice} then.
 */
public final class VirtioBusDevice extends Device {
    private final java.util.List<String[]> qtreeProperties;
    private final int deviceId;
    private final Function<GuestMemory, VirtioDevice> factory;
    private VirtioDevice device;

    /**
     * @param deviceId virtio 1.2 §5 device ID of what {@code factory} builds (the transport shows it before
     *                 plugging is complete)
     */
    public VirtioBusDevice(String typeName, int deviceId, Function<GuestMemory, VirtioDevice> factory) {
        this(typeName, deviceId, factory, java.util.List.of());
    }

    /** As above, with the property lines {@code info qtree} shows for it (name, value as printed). */
    public VirtioBusDevice(String typeName, int deviceId, Function<GuestMemory, VirtioDevice> factory,
            java.util.List<String[]> qtreeProperties) {
        super(typeName);
        this.deviceId = deviceId;
        this.factory = factory;
        this.qtreeProperties = qtreeProperties;
    }

    @Override
    public java.util.List<String[]> qtreeProperties() {
        return qtreeProperties;
    }

    public int deviceId() {
        return deviceId;
    }

    /** Creates the device over {@code memory}; called once by the transport that takes it. */
    public VirtioDevice attach(GuestMemory memory) {
        if (device == null) {
            device = factory.apply(memory);
        }
        return device;
    }

    /** The device, or null before a transport took it. */
    public VirtioDevice device() {
        return device;
    }

    @Override
    public void reset() {
        if (device != null) {
            device.reset();
        }
    }
}
