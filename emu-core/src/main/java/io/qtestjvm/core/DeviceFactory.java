package io.qtestjvm.core;

/**
 * Builds a device of one type from the properties a user set ({@code -device}, {@code device_add}); {@code C} is
 * what the machine hands its device factories (clocks, address spaces, the drives). Checks a realize makes before
 * the device is plugged (a spec version it does not support) throw with QEMU's text.
 */
@FunctionalInterface
public interface DeviceFactory<C> {
    Device create(C context, PropertyValues values) throws PropertyException;
}
