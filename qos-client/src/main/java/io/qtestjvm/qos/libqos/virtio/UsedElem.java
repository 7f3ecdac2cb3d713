package io.qtestjvm.qos.libqos.virtio;

/**
 * One used buffer as the device returned it (2.7.8 split used ring element, 2.8.7 packed used descriptor).
 *
 * @param id  the head descriptor index (split) or buffer ID (packed)
 * @param len bytes the device wrote into the writable buffers
 */
public record UsedElem(int id, long len) {
}
