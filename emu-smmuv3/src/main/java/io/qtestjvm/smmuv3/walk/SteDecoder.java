package io.qtestjvm.smmuv3.walk;

import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.SteLayout;
import io.qtestjvm.smmuv3.spec.Structure;

/**
 * STE validity and decode (IHI 0070 5.2, "STE fields" and the ILLEGAL conditions listed per field). A pure function:
 * the STE words in, a {@link StreamConfig} or a C_BAD_STE out.
 *
 * <p>Checks made (each listed as ILLEGAL by 5.2, or by QEMU's model where it is stricter, as noted in
 * {@link SmmuModel}): V; a translating stage the SMMU does not implement; stage 2: S2AA64 = 1 (IDR0.TTF has no
 * AArch32), S2ENDI = 0 (TTENDIAN little only), S2S = 0 (no stall), S2HA = S2HD = 0 (no HTTU), S2TG a supported
 * granule, S2T0SZ within [64 - OAS, 39], S2SL0 and S2T0SZ consistent (at most 16 concatenated tables at the start
 * level, none at level 0), S2TTB below the effective S2PS; stage 1: S1Fmt not reserved, S1ContextPtr below OAS,
 * S1CDMax within IDR1.SSIDSIZE.
 */
public final class SteDecoder {
    private SteDecoder() {
    }

    public static boolean decode(SmmuModel model, Structure ste, int streamId, StreamConfig out, Fault fault) {
        out.streamId = streamId;
        out.steValid = false;
        out.cdValid = false;
        if (!ste.flag(SteLayout.V)) {
            return bad(fault);
        }
        int config = (int) ste.get(SteLayout.CONFIG);
        if ((config & 0b100) == 0) {
            if (config != SteLayout.CONFIG_ABORT && !model.reservedConfigAborts()) {
                return bad(fault);
            }
            out.kind = StreamConfig.ABORT;
            out.stage1 = false;
            out.steStage1 = false;
            out.stage2 = false;
            out.steValid = true;
            return true;
        }
        boolean s1 = (config & 1) != 0;
        boolean s2 = (config & 2) != 0;
        if ((s1 && !model.stage1()) || (s2 && !model.stage2())) {
            return bad(fault);
        }
        out.stage1 = s1;
        out.steStage1 = s1;
        out.stage2 = s2;
        out.kind = s1 || s2 ? StreamConfig.TRANSLATE : StreamConfig.BYPASS;
        out.vmidTag = model.stage2() ? (int) ste.get(SteLayout.S2VMID) : 0;
        int oas = model.oasBits();
        if (s2 && !decodeStage2(model, ste, out.s2, oas)) {
            return bad(fault);
        }
        if (s1) {
            out.contextPtr = ste.get(SteLayout.S1_CONTEXT_PTR) << 6;
            out.s1Format = (int) ste.get(SteLayout.S1FMT);
            out.s1CdMax = (int) ste.get(SteLayout.S1CDMAX);
            out.s1Dss = (int) ste.get(SteLayout.S1DSS);
            if (out.contextPtr >>> oas != 0 || out.s1Format == 3) {
                return bad(fault);
            }
            if (out.s1CdMax != 0 && (model.rejectsSubstreams() || out.s1CdMax > model.ssidBits())) {
                return bad(fault);
            }
            if (out.s1CdMax != 0 && out.s1Dss == 0b11) {
                return bad(fault);
            }
        }
        out.steValid = true;
        return true;
    }

    static boolean decodeStage2(SmmuModel model, Structure ste, Stage2Config s2, int oas) {
        if (!ste.flag(SteLayout.S2AA64) || ste.flag(SteLayout.S2ENDI) || ste.flag(SteLayout.S2S)
                || ste.flag(SteLayout.S2HA) || ste.flag(SteLayout.S2HD)) {
            return false;
        }
        int shift = switch ((int) ste.get(SteLayout.S2TG)) {
            case 0b00 -> 12;
            case 0b01 -> 16;
            case 0b10 -> 14;
            default -> 0;
        };
        if (shift == 0 || !model.granuleSupported(shift)) {
            return false;
        }
        int t0sz = (int) ste.get(SteLayout.S2T0SZ);
        if (t0sz < 64 - oas || t0sz > 39) {
            return false;
        }
        int inputBits = 64 - t0sz;
        int sl0 = (int) ste.get(SteLayout.S2SL0);
        if (sl0 == 3) {
            return false;
        }
        int start = (shift == 12 ? 2 : 3) - sl0;
        int top = TableParams.bitsAtLevel(inputBits, shift, start);
        int stride = shift - 3;
        // D8.2 concatenation: the start level resolves at least one bit and at most stride + 4 (16 tables);
        // level 0 cannot be concatenated.
        if (top < 1 || top > stride + 4 || (start == 0 && top > stride)) {
            return false;
        }
        int ps = Math.min(SmmuModel.addressSizeBits((int) ste.get(SteLayout.S2PS)), oas);
        long ttb = ste.get(SteLayout.S2TTB) << 4;
        if (ttb >>> ps != 0) {
            return false;
        }
        s2.tt.set(shift, inputBits, start, ttb, ps);
        s2.tt.hierarchyDisabled = true;
        s2.vmid = (int) ste.get(SteLayout.S2VMID);
        s2.affd = ste.flag(SteLayout.S2AFFD);
        s2.record = ste.flag(SteLayout.S2R);
        return true;
    }

    private static boolean bad(Fault fault) {
        fault.config(EventType.C_BAD_STE);
        return false;
    }
}
