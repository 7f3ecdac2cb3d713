package io.qtestjvm.server.net;

/**
 * {@code -netdev user}: accepted as a back end without libslirp's network behind it; frames the NIC sends are
 * dropped and nothing is ever received. (The router advertisements of QEMU's slirp are kept by the boards as a
 * virtual-clock timer, since they change qtest's clock replies.)
 */
final class UserBackend extends NetClient {
    UserBackend(String id) {
        super(id);
    }

    @Override
    int deliver(byte[] f, int off, int len) {
        return TAKEN;
    }

    @Override
    String describe() {
        return name() + ": index=0,type=user,net=10.0.2.0,restrict=off";
    }
}
