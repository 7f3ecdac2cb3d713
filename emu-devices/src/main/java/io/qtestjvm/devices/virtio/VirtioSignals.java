package io.qtestjvm.devices.virtio;

/**
 * How a device reaches its driver through the transport (virtio 1.2 §2.3 "Notifications": used buffer
 * notifications and configuration change notifications). The device has already set its ISR bits (§4.1.4.5) when
 * it calls; the transport picks MSI-X vector or INTx.
 */
public interface VirtioSignals {
    void usedBuffer(Virtqueue queue);

    void configChange();

    /** The ISR status changed without a notification (a read cleared it): the INTx level may drop. */
    void isrChanged();

    VirtioSignals NONE = new VirtioSignals() {
        @Override
        public void usedBuffer(Virtqueue queue) {
        }

        @Override
        public void configChange() {
        }

        @Override
        public void isrChanged() {
        }
    };
}
