package io.qtestjvm.server.qmp;

/** QapiErrorClass (qapi/error.json): the {@code class} member of an error reply. */
public enum QmpErrorClass {
    GenericError,
    CommandNotFound,
    DeviceNotActive,
    DeviceNotFound,
    KVMMissingCap
}
