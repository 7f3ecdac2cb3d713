package io.qtestjvm.devices.virtio;

/**
 * Why a ring was found malformed (virtio 1.2 §2.7.4, §2.7.5.3.1, §2.8.7: requirements a driver MUST meet). The
 * texts are the messages QEMU 7.2 prints for the same fault, so the stand-in's log reads the same.
 */
public enum RingFault {
    NONE(""),
    AVAIL_INDEX_JUMP("Guest moved used index too far"),
    HEAD_OUT_OF_RANGE("Guest says index is available, but the queue is smaller"),
    NEXT_OUT_OF_RANGE("Desc next is out of range"),
    LOOP("Looped descriptor"),
    ZERO_LENGTH("virtio: zero sized buffers are not allowed"),
    BAD_ADDRESS("virtio: bogus descriptor or out of resources"),
    TOO_MANY_SEGMENTS("virtio: too many descriptors"),
    ORDER("Incorrect order for descriptors"),
    INDIRECT_SIZE("Invalid size for indirect buffer table"),
    NESTED_INDIRECT("Indirect buffer in indirect table"),
    INDIRECT_WITH_NEXT("Indirect descriptor also has NEXT set"),
    /** §4.1.4.3.2: queue_enable written with a value other than 1. */
    QUEUE_ENABLE("wrong value for queue_enable"),
    /** virtio-blk (§5.2.6): a request without its header or status byte. */
    MISSING_HEADERS("virtio-blk missing headers"),
    /** virtio-net (§5.1.6.2): a transmitted chain shorter than the header. */
    NET_TX_HEADER("virtio-net header incorrect"),
    /** virtio-net (§5.1.6.3): a receive chain with no device-writable buffer. */
    NET_RX_NO_IN("virtio-net receive queue contains no in buffers"),
    /** virtio-net (§5.1.6.5): a control request without its class/command or its ack byte. */
    NET_CTRL_HEADERS("virtio-net ctrl missing headers");

    private final String message;

    RingFault(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
