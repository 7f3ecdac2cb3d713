package io.qtestjvm.qos.libqos.pci;

/**
 * {@code QPCIAddress} (tests/qtest/libqos/pci.h): the constructor argument of a CONSUMED_BY edge from {@code pci-bus}.
 * {@code qpci_device_init} finds the function at {@code devfn} and asserts the IDs when they are non-zero.
 *
 * @param devfn    slot << 3 | function
 * @param vendorId expected vendor ID, 0 for "do not check"
 * @param deviceId expected device ID, 0 for "do not check"
 */
public record QPciAddress(int devfn, int vendorId, int deviceId) {
    public QPciAddress {
        if (devfn < 0 || devfn > 0xff) {
            throw new IllegalArgumentException("devfn 0x" + Integer.toHexString(devfn) + " is outside 0..0xff");
        }
    }

    /** {@code QPCI_DEVFN(slot, fn)}. */
    public static int devfn(int slot, int fn) {
        return slot << 3 | fn;
    }
}
