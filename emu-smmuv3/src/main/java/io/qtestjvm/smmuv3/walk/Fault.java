package io.qtestjvm.smmuv3.walk;

import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.Structure;

/**
 * A fault or configuration error as the event record (IHI 0070 7.3) needs it: the type, the stream, the input
 * address, for stage-2 faults the S2 flag, the CLASS and the IPA, for fetch aborts the fetch address. One instance
 * is reused per translating context. {@link #record} is false when the CD.R / STE.S2R of the faulting stage says
 * the fault is not recorded (the transaction still terminates).
 */
public final class Fault {
    public int type;
    public int streamId;
    public int substreamId;
    public boolean ssv;
    public boolean stage2;
    public int faultClass;
    public long inputAddress;
    public long ipa;
    public long fetchAddress;
    public boolean read;
    public boolean instruction;
    public boolean unprivileged;
    /** The walk level the fault was found at (not part of the record; tests use it). */
    public int level;
    public boolean record;

    public void clear() {
        type = 0;
        streamId = 0;
        substreamId = 0;
        ssv = false;
        stage2 = false;
        faultClass = 0;
        inputAddress = 0;
        ipa = 0;
        fetchAddress = 0;
        read = false;
        instruction = false;
        unprivileged = false;
        level = 0;
        record = true;
    }

    /** A configuration error or fetch fault of the stream: always recorded. */
    public Fault config(int eventType) {
        this.type = eventType;
        this.record = true;
        this.stage2 = false;
        return this;
    }

    /** Fills an event record (7.3) with this fault. */
    public void writeRecord(Structure event) {
        event.clear();
        event.set(EventLayout.EVENT_TYPE, type);
        event.set(EventLayout.STREAM_ID, streamId & 0xffffffffL);
        event.set(EventLayout.SSV, ssv ? 1 : 0);
        event.set(EventLayout.SUBSTREAM_ID, ssv ? substreamId : 0);
        switch (type) {
            case EventType.F_TRANSLATION, EventType.F_ADDR_SIZE, EventType.F_ACCESS, EventType.F_PERMISSION,
                 EventType.F_WALK_EABT -> {
                event.set(EventLayout.PNU, unprivileged ? 1 : 0);
                event.set(EventLayout.IND, instruction ? 1 : 0);
                event.set(EventLayout.RNW, read ? 1 : 0);
                event.set(EventLayout.S2, stage2 ? 1 : 0);
                event.set(EventLayout.CLASS, faultClass);
                event.set(EventLayout.INPUT_ADDR, inputAddress);
                if (type == EventType.F_WALK_EABT) {
                    event.set(EventLayout.FETCH_ADDR, fetchAddress >>> 3);
                } else if (stage2) {
                    event.set(EventLayout.IPA, ipa >>> 12);
                }
            }
            case EventType.F_STE_FETCH, EventType.F_CD_FETCH -> event.set(EventLayout.FETCH_ADDR, fetchAddress >>> 3);
            default -> {
            }
        }
    }

    @Override
    public String toString() {
        return EventType.name(type) + "{sid=" + streamId + (stage2 ? ", S2, class=" + faultClass : "")
                + ", input=0x" + Long.toHexString(inputAddress) + ", ipa=0x" + Long.toHexString(ipa)
                + ", fetch=0x" + Long.toHexString(fetchAddress) + ", level=" + level + ", record=" + record + "}";
    }
}
