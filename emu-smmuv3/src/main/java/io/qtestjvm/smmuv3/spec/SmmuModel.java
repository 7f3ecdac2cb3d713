package io.qtestjvm.smmuv3.spec;

/**
 * What one version of QEMU's SMMUv3 model advertises and accepts: the ID register values (IHI 0070 6.3.1 .. 6.3.6)
 * and the few choices the architecture leaves to an implementation. Every other component reads its features from
 * here, so a machine version is one constant.
 *
 * <p>Facts taken from QEMU (the oracle; values read by {@code qemu-7.2-transcripts/aarch64-virt-smmuv3*.txt} for 7.2
 * and settled by reading QEMU's source for the newest model):
 * <ul>
 * <li>{@link #QEMU_7_2} (every virt machine before 9.2): IDR0 0x0d40101a (S1P, TTF AArch64, COHACC, ASID16,
 *     TTENDIAN little, STALL_MODEL no-stall, TERM_MODEL abort, ST_LEVEL two-level), IDR1 0x02730010 (SIDSIZE 16,
 *     EVENTQS 19, CMDQS 19), IDR2 0, IDR3 0x1404 (HAD, RIL, BBML 2), IDR4 0, IDR5 0x74 (OAS 44 bits; 4K, 16K and
 *     64K granules), IIDR 0, AIDR 1. TLBI_S12_VMALL and TLBI_S2_IPA are accepted and do nothing. GBPA is not
 *     implemented: it reads 0 and ignores writes (Debian's QEMU 7.2 over qtest; {@code SmmuV3CommandQueueTest}
 *     pins it on [qemu]); a newer QEMU has it on every machine version ({@link #withGbpa}).</li>
 * <li>{@link #QEMU_NESTED} (virt 9.2 and later, {@code stage=nested}): IDR0 adds S2P and VMID16 (0x0d44101b), IDR3
 *     adds XNX (0x1414); the rest is unchanged. TLBI_S12_VMALL and TLBI_S2_IPA act. GBPA resets to 0x1000.</li>
 * <li>Both: MSI is not advertised (IDR0.MSI = 0), so CMD_SYNC completion signals the wired interrupt only;
 *     TLBI_EL2_*, TLBI_EL3_*, ATC_INV, PRI_RESP, RESUME and STALL_TERM are accepted as no-ops; an STE with
 *     S1CDMax != 0 is treated as C_BAD_STE (no substream support); a reserved STE.Config (0b001..0b011) aborts
 *     without an event, where the spec calls it ILLEGAL (C_BAD_STE).</li>
 * </ul>
 */
public final class SmmuModel {
    public static final SmmuModel QEMU_7_2 = new SmmuModel("7.2", new int[] {
        0x0d40101a, 0x02730010, 0, 0x1404, 0, 0x74}, 0, 1, false, true, true, false);
    public static final SmmuModel QEMU_NESTED = new SmmuModel("nested", new int[] {
        0x0d44101b, 0x02730010, 0, 0x1414, 0, 0x74}, 0, 1, true, true, true, true);

    private final String name;
    private final int[] idr;
    private final int iidr;
    private final int aidr;
    private final boolean stage2CommandsAct;
    private final boolean rejectsSubstreams;
    private final boolean reservedConfigAborts;
    private final boolean gbpa;

    private SmmuModel(String name, int[] idr, int iidr, int aidr, boolean stage2CommandsAct,
            boolean rejectsSubstreams, boolean reservedConfigAborts, boolean gbpa) {
        this.name = name;
        this.idr = idr.clone();
        this.iidr = iidr;
        this.aidr = aidr;
        this.stage2CommandsAct = stage2CommandsAct;
        this.rejectsSubstreams = rejectsSubstreams;
        this.reservedConfigAborts = reservedConfigAborts;
        this.gbpa = gbpa;
    }

    /** The same model with another IDR0 (tests use it for features QEMU does not advertise, such as MSI). */
    public SmmuModel withIdr0(int value) {
        int[] copy = idr.clone();
        copy[0] = value;
        return new SmmuModel(name + "+idr0", copy, iidr, aidr, stage2CommandsAct, rejectsSubstreams,
                reservedConfigAborts, gbpa);
    }

    /**
     * The same model with or without GBPA. GBPA came with QEMU 8.0's SMMU and is not tied to the machine version: a
     * newer QEMU binary has it on its {@code virt-7.2} machine too, so the board picks it by the QEMU it emulates.
     */
    public SmmuModel withGbpa(boolean present) {
        if (present == gbpa) {
            return this;
        }
        return new SmmuModel(name + (present ? "+gbpa" : "-gbpa"), idr, iidr, aidr, stage2CommandsAct,
                rejectsSubstreams, reservedConfigAborts, present);
    }

    /** The same model with CD tables and SubstreamIDs supported as the spec describes them (IDR1.SSIDSIZE 20). */
    public SmmuModel withSubstreams() {
        int[] copy = idr.clone();
        copy[1] = (int) Field.set(copy[1], Registers.IDR1_SSIDSIZE, 20);
        return new SmmuModel(name + "+ssid", copy, iidr, aidr, stage2CommandsAct, false, reservedConfigAborts,
                gbpa);
    }

    public String name() {
        return name;
    }

    public int idr(int n) {
        return idr[n];
    }

    public int iidr() {
        return iidr;
    }

    public int aidr() {
        return aidr;
    }

    private boolean idr0(int field) {
        return Field.get(idr[0], field) != 0;
    }

    public boolean stage1() {
        return idr0(Registers.IDR0_S1P);
    }

    public boolean stage2() {
        return idr0(Registers.IDR0_S2P);
    }

    public boolean msi() {
        return idr0(Registers.IDR0_MSI);
    }

    public boolean hyp() {
        return idr0(Registers.IDR0_HYP);
    }

    public boolean twoLevelStreamTables() {
        return Field.get(idr[0], Registers.IDR0_ST_LEVEL) == 1;
    }

    public int sidBits() {
        return (int) Field.get(idr[1], Registers.IDR1_SIDSIZE);
    }

    public int ssidBits() {
        return (int) Field.get(idr[1], Registers.IDR1_SSIDSIZE);
    }

    public int cmdqLog2Max() {
        return (int) Field.get(idr[1], Registers.IDR1_CMDQS);
    }

    public int eventqLog2Max() {
        return (int) Field.get(idr[1], Registers.IDR1_EVENTQS);
    }

    public boolean rangeInvalidation() {
        return Field.get(idr[3], Registers.IDR3_RIL) != 0;
    }

    /** IDR5.OAS in bits (6.3.6: 0 = 32, 1 = 36, 2 = 40, 3 = 42, 4 = 44, 5 = 48, 6 = 52). */
    public int oasBits() {
        return addressSizeBits((int) Field.get(idr[5], Registers.IDR5_OAS));
    }

    public boolean granuleSupported(int shift) {
        return switch (shift) {
            case 12 -> Field.get(idr[5], Registers.IDR5_GRAN4K) != 0;
            case 14 -> Field.get(idr[5], Registers.IDR5_GRAN16K) != 0;
            case 16 -> Field.get(idr[5], Registers.IDR5_GRAN64K) != 0;
            default -> false;
        };
    }

    public boolean stage2CommandsAct() {
        return stage2CommandsAct;
    }

    public boolean rejectsSubstreams() {
        return rejectsSubstreams;
    }

    public boolean reservedConfigAborts() {
        return reservedConfigAborts;
    }

    /**
     * Whether SMMU_GBPA (6.3.14) is implemented: QEMU 7.2 lacks it (reads 0, writes ignored, so a disabled SMMU
     * always bypasses), later models reset it to 0x1000 and take Update writes.
     */
    public boolean gbpa() {
        return gbpa;
    }

    /** The 3-bit IPS/PS/OAS encoding in bits; reserved encodings read as the largest (52). */
    public static int addressSizeBits(int encoding) {
        return switch (encoding) {
            case 0 -> 32;
            case 1 -> 36;
            case 2 -> 40;
            case 3 -> 42;
            case 4 -> 44;
            case 5 -> 48;
            default -> 52;
        };
    }

    @Override
    public String toString() {
        return "SmmuModel[" + name + "]";
    }
}
