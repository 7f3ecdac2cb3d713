package io.qtestjvm.qos.libqos.virtio;

import io.qtestjvm.qos.libqtest.QTestState;

import java.util.ArrayList;
import java.util.List;

/** A modern transport with no device behind it: status sticks, features are fixed, notifications are recorded. */
final class RecordingBus implements QVirtioBus {
    final QTestState qts;
    final long offered;
    final int queueSize;
    final List<Integer> kicks = new ArrayList<>();
    int status;
    long driverFeatures;

    RecordingBus(QTestState qts, long offered, int queueSize) {
        this.qts = qts;
        this.offered = offered;
        this.queueSize = queueSize;
    }

    @Override
    public QTestState qts() {
        return qts;
    }

    @Override
    public int deviceType() {
        return VirtioSpec.ID_BLOCK;
    }

    @Override
    public boolean modern() {
        return true;
    }

    @Override
    public int configReadb(int off) {
        return 0;
    }

    @Override
    public int configReadw(int off) {
        return 0;
    }

    @Override
    public int configReadl(int off) {
        return 0;
    }

    @Override
    public long configReadq(int off) {
        return 0;
    }

    @Override
    public int configGeneration() {
        return 0;
    }

    @Override
    public long deviceFeatures() {
        return offered;
    }

    @Override
    public void driverFeatures(long features) {
        driverFeatures = features;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void status(int value) {
        status = value;
    }

    @Override
    public boolean queueInterrupt(QVirtQueue vq) {
        return vq.hasUsed();
    }

    @Override
    public boolean configInterrupt() {
        return false;
    }

    @Override
    public int queueMaxSize(int index) {
        return queueSize;
    }

    @Override
    public void queueActivate(QVirtQueue vq) {
    }

    @Override
    public void queueDeactivate(int index) {
    }

    @Override
    public void notifyQueue(int index) {
        kicks.add(index);
    }
}
