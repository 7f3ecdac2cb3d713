package io.qtestjvm.smmuv3.walk;

import io.qtestjvm.smmuv3.spec.CdLayout;
import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;

/**
 * CD location and decode (IHI 0070 5.3 CD tables, 5.4 CD). {@link #locateAndDecode} finds the CD for a SubstreamID
 * (single CD, linear table, or two-level table through an L1CD), fetching through stage 2 when the stream is nested
 * (a CD pointer is then an IPA, 3.4.2), and decodes it; the result is the stage-1 half of the {@link StreamConfig},
 * or C_BAD_SUBSTREAMID, F_CD_FETCH, C_BAD_CD, F_STREAM_DISABLED or the stage-2 fault of a nested fetch (CLASS_CD).
 *
 * <p>CD checks: V, AA64 (no AArch32 tables), ENDI = 0, S = 0 (no stall), and, as QEMU's model requires, A = 1 and
 * HA = HD = 0; for each half not disabled by EPDn: TnSZ within [16, 39], TGn a supported granule, TTBn below OAS.
 * IPS is capped at OAS (5.4 IPS).
 */
public final class CdDecoder {
    public static final int OK = 0;
    /** Stage 1 is bypassed for this transaction (S1DSS = bypass). */
    public static final int S1_BYPASS = 1;
    public static final int FAULT = 2;

    private final long[] word = new long[1];
    private final WalkResult scratch = new WalkResult();

    public int locateAndDecode(SmmuModel model, PageTableWalker walker, StreamConfig cfg, boolean ssv, int ssid,
            Structure cd, Fault fault) {
        long address;
        if (cfg.s1CdMax == 0) {
            if (ssv) {
                return fail(fault, EventType.C_BAD_SUBSTREAMID);
            }
            address = cfg.contextPtr;
        } else {
            if (!ssv) {
                switch (cfg.s1Dss) {
                    case SteLayout.S1DSS_BYPASS:
                        return S1_BYPASS;
                    case SteLayout.S1DSS_SUBSTREAM0:
                        ssid = 0;
                        break;
                    default:
                        return fail(fault, EventType.F_STREAM_DISABLED);
                }
            } else if (ssid >>> cfg.s1CdMax != 0 || (ssid == 0 && cfg.s1Dss == SteLayout.S1DSS_SUBSTREAM0)) {
                return fail(fault, EventType.C_BAD_SUBSTREAMID);
            }
            if (cfg.s1Format == SteLayout.S1FMT_LINEAR) {
                address = cfg.contextPtr + (long) ssid * CdLayout.SIZE;
            } else {
                int split = cfg.s1Format == SteLayout.S1FMT_64_CDS ? 6 : 10;
                long l1 = cfg.contextPtr + ((long) (ssid >>> split) << 3);
                long pa = fetchAddress(walker, cfg, l1, fault);
                if (pa < 0) {
                    return FAULT;
                }
                if (!walker.memory().read(pa, word, 0, 1)) {
                    return fetchFault(fault, pa);
                }
                if ((word[0] & 1) == 0) {
                    return fail(fault, EventType.C_BAD_SUBSTREAMID);
                }
                long l2 = word[0] & 0x000f_ffff_ffff_f000L;
                address = l2 + (long) (ssid & ((1 << split) - 1)) * CdLayout.SIZE;
            }
        }
        long pa = fetchAddress(walker, cfg, address, fault);
        if (pa < 0) {
            return FAULT;
        }
        if (!cd.load(walker.memory(), pa)) {
            return fetchFault(fault, pa);
        }
        if (!decode(model, cd, cfg.s1)) {
            return fail(fault, EventType.C_BAD_CD);
        }
        cfg.substreamId = ssid;
        cfg.cdValid = true;
        return OK;
    }

    /** The PA of a CD-table structure: its address itself, or its stage-2 translation when nested; -1 on fault. */
    private long fetchAddress(PageTableWalker walker, StreamConfig cfg, long address, Fault fault) {
        if (!cfg.stage2) {
            return address;
        }
        if (!walker.stage2(cfg.s2, address, Access.READ, EventLayout.CLASS_CD, address, scratch, fault)) {
            return -1;
        }
        return scratch.outputAddress;
    }

    /** Decodes the CD words into {@code s1}; false if the CD is ILLEGAL (C_BAD_CD). */
    public static boolean decode(SmmuModel model, Structure cd, Stage1Config s1) {
        if (!cd.flag(CdLayout.V) || !cd.flag(CdLayout.AA64) || cd.flag(CdLayout.ENDI) || cd.flag(CdLayout.S)
                || !cd.flag(CdLayout.A) || cd.flag(CdLayout.HA) || cd.flag(CdLayout.HD)) {
            return false;
        }
        int oas = model.oasBits();
        int ips = Math.min(SmmuModel.addressSizeBits((int) cd.get(CdLayout.IPS)), oas);
        long tbi = cd.get(CdLayout.TBI);
        s1.outputBits = ips;
        s1.affd = cd.flag(CdLayout.AFFD);
        s1.record = cd.flag(CdLayout.R);
        s1.asid = (int) cd.get(CdLayout.ASID);
        if (!half(model, cd, s1.tt0, cd.flag(CdLayout.EPD0), (int) cd.get(CdLayout.T0SZ),
                granule0((int) cd.get(CdLayout.TG0)), cd.get(CdLayout.TTB0) << 4, ips, oas)) {
            return false;
        }
        if (!half(model, cd, s1.tt1, cd.flag(CdLayout.EPD1), (int) cd.get(CdLayout.T1SZ),
                granule1((int) cd.get(CdLayout.TG1)), cd.get(CdLayout.TTB1) << 4, ips, oas)) {
            return false;
        }
        s1.tt0.tbi = (tbi & 1) != 0;
        s1.tt1.tbi = (tbi & 2) != 0;
        s1.tt0.hierarchyDisabled = cd.flag(CdLayout.HAD0);
        s1.tt1.hierarchyDisabled = cd.flag(CdLayout.HAD1);
        return true;
    }

    private static boolean half(SmmuModel model, Structure cd, TableParams t, boolean epd, int tsz, int shift,
            long ttb, int ips, int oas) {
        if (epd) {
            t.disable();
            return true;
        }
        if (tsz < 16 || tsz > 39 || shift == 0 || !model.granuleSupported(shift) || ttb >>> oas != 0) {
            return false;
        }
        int inputBits = 64 - tsz;
        t.set(shift, inputBits, TableParams.stage1StartLevel(inputBits, shift), ttb, ips);
        return true;
    }

    static int granule0(int tg) {
        return switch (tg) {
            case CdLayout.TG0_4K -> 12;
            case CdLayout.TG0_16K -> 14;
            case CdLayout.TG0_64K -> 16;
            default -> 0;
        };
    }

    static int granule1(int tg) {
        return switch (tg) {
            case CdLayout.TG1_4K -> 12;
            case CdLayout.TG1_16K -> 14;
            case CdLayout.TG1_64K -> 16;
            default -> 0;
        };
    }

    private static int fail(Fault fault, int type) {
        fault.config(type);
        return FAULT;
    }

    private static int fetchFault(Fault fault, long pa) {
        fault.config(EventType.F_CD_FETCH);
        fault.fetchAddress = pa;
        return FAULT;
    }
}
