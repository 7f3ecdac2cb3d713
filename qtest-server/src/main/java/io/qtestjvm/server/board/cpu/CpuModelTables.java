package io.qtestjvm.server.board.cpu;

/**
 * The CPU models' data, one table per name, as text in the tab-separated form {@link CpuCatalog}
 * reads (comment lines start with {@code #} and say how each table was taken from Debian's QEMU 7.2). Kept as
 * constants rather than files in the jar: a machine then starts without opening its jar to read them.
 */
final class CpuModelTables {
    private CpuModelTables() {
    }

    /** The table of {@code name} (e.g. {@code x86-models-x86_64}), or null. */
    static String table(String name) {
        return switch (name) {
            case "arm-models-aarch64" -> ARM_MODELS_AARCH64;
            case "arm-models-arm" -> ARM_MODELS_ARM;
            case "cpu-definitions-aarch64" -> CPU_DEFINITIONS_AARCH64;
            case "cpu-definitions-arm" -> CPU_DEFINITIONS_ARM;
            case "cpu-definitions-i386" -> CPU_DEFINITIONS_I386;
            case "cpu-definitions-ppc64" -> CPU_DEFINITIONS_PPC64;
            case "cpu-definitions-x86_64" -> CPU_DEFINITIONS_X86_64;
            case "x86-models-i386" -> X86_MODELS_I386;
            case "x86-models-x86_64" -> X86_MODELS_X86_64;
            default -> null;
        };
    }

    private static final String ARM_MODELS_AARCH64 = """
            # The arm CPU models' QOM property values as Debian's qemu-system-aarch64 7.2 reports them (qom-get on
            # -machine none -cpu MODEL under -accel tcg; null: the model has no such property; the M-profile models \
            do not
            # start on none and are left out). Columns:
            # model midr pmu has_el2 has_el3 vfp neon aarch64 cfgend reset-hivecs cntfrq
            pxa270-c0\t1761952020\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-a15\t1095745776\ttrue\ttrue\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\t62500000
            pxa270-b0\t1761952018\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-a57\t1092604016\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            pxa270-a0\t1761952016\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            arm1176\t1091549031\tnull\tnull\ttrue\ttrue\tnull\tnull\tfalse\tfalse\tnull
            pxa270-b1\t1761952019\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-a7\t1091551349\ttrue\ttrue\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\t62500000
            pxa270-a1\t1761952017\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-a76\t1095749809\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            a64fx\t1176436752\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            cortex-a8\t1091551360\tnull\tnull\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\tnull
            cortex-r5\t1092600147\ttrue\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            ti925t\t1409454674\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-r5f\t1092600147\ttrue\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            arm1026\t1090953826\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            cortex-a9\t1091551376\tnull\tnull\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\tnull
            pxa270\t1761952016\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa260\t1761945859\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa250\t1761943808\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa270-c5\t1761952023\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa261\t1761946885\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa262\t1761946886\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            sa1110\t1761718553\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            sa1100\t1140957467\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            max\t984336\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            cortex-a53\t1091555380\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            cortex-a72\t1091555459\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            arm946\t1090884705\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa255\t1761946880\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            arm11mpcore\t1091547170\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            neoverse-n1\t1095749825\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            arm926\t1090949733\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            arm1136\t1092072291\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            cortex-a35\t1092603968\ttrue\ttrue\ttrue\ttrue\ttrue\ttrue\tfalse\tfalse\t62500000
            arm1136-r2\t1091023714\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            """;

    private static final String ARM_MODELS_ARM = """
            # The arm CPU models' QOM property values as Debian's qemu-system-arm 7.2 reports them (qom-get on
            # -machine none -cpu MODEL under -accel tcg; null: the model has no such property; the M-profile models \
            do not
            # start on none and are left out). Columns:
            # model midr pmu has_el2 has_el3 vfp neon aarch64 cfgend reset-hivecs cntfrq
            pxa270-c0\t1761952020\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-a15\t1095745776\ttrue\ttrue\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\t62500000
            pxa270-b0\t1761952018\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa270-a0\t1761952016\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            arm1176\t1091549031\tnull\tnull\ttrue\ttrue\tnull\tnull\tfalse\tfalse\tnull
            pxa270-b1\t1761952019\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-a7\t1091551349\ttrue\ttrue\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\t62500000
            pxa270-a1\t1761952017\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-a8\t1091551360\tnull\tnull\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\tnull
            cortex-r5\t1092600147\ttrue\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            ti925t\t1409454674\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            cortex-r5f\t1092600147\ttrue\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            arm1026\t1090953826\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            cortex-a9\t1091551376\tnull\tnull\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\tnull
            pxa270\t1761952016\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa260\t1761945859\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa250\t1761943808\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa270-c5\t1761952023\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa261\t1761946885\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa262\t1761946886\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            sa1110\t1761718553\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            sa1100\t1140957467\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            max\t1092604016\ttrue\ttrue\ttrue\ttrue\ttrue\tnull\tfalse\tfalse\t62500000
            arm946\t1090884705\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            pxa255\t1761946880\tnull\tnull\tnull\tnull\tnull\tnull\tfalse\tfalse\tnull
            arm11mpcore\t1091547170\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            arm926\t1090949733\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            arm1136\t1092072291\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            arm1136-r2\t1091023714\tnull\tnull\tnull\ttrue\tnull\tnull\tfalse\tfalse\tnull
            """;

    private static final String CPU_DEFINITIONS_AARCH64 = """
            # query-cpu-definitions of Debian's qemu-system-aarch64 7.2 (-accel tcg, -machine none), restricted to the
            # -cpu models qtest-jvm accepts; columns: name, typename ("-" for an empty one), flags (s: static,
            # m: migration-safe, d: deprecated), alias-of ("-" for none), unavailable-features (comma list, "-" for \
            none),
            # u when the answer carries unavailable-features (x86), x when it does not
            pxa270-c0\tpxa270-c0-arm-cpu\t-\t-\t-\tx
            cortex-a15\tcortex-a15-arm-cpu\t-\t-\t-\tx
            pxa270-b0\tpxa270-b0-arm-cpu\t-\t-\t-\tx
            cortex-m4\tcortex-m4-arm-cpu\t-\t-\t-\tx
            cortex-a57\tcortex-a57-arm-cpu\t-\t-\t-\tx
            pxa270-a0\tpxa270-a0-arm-cpu\t-\t-\t-\tx
            arm1176\tarm1176-arm-cpu\t-\t-\t-\tx
            pxa270-b1\tpxa270-b1-arm-cpu\t-\t-\t-\tx
            cortex-a7\tcortex-a7-arm-cpu\t-\t-\t-\tx
            pxa270-a1\tpxa270-a1-arm-cpu\t-\t-\t-\tx
            cortex-a76\tcortex-a76-arm-cpu\t-\t-\t-\tx
            a64fx\ta64fx-arm-cpu\t-\t-\t-\tx
            cortex-a8\tcortex-a8-arm-cpu\t-\t-\t-\tx
            cortex-r5\tcortex-r5-arm-cpu\t-\t-\t-\tx
            ti925t\tti925t-arm-cpu\t-\t-\t-\tx
            cortex-r5f\tcortex-r5f-arm-cpu\t-\t-\t-\tx
            arm1026\tarm1026-arm-cpu\t-\t-\t-\tx
            cortex-a9\tcortex-a9-arm-cpu\t-\t-\t-\tx
            cortex-m7\tcortex-m7-arm-cpu\t-\t-\t-\tx
            pxa270\tpxa270-arm-cpu\t-\t-\t-\tx
            pxa260\tpxa260-arm-cpu\t-\t-\t-\tx
            pxa250\tpxa250-arm-cpu\t-\t-\t-\tx
            pxa270-c5\tpxa270-c5-arm-cpu\t-\t-\t-\tx
            pxa261\tpxa261-arm-cpu\t-\t-\t-\tx
            pxa262\tpxa262-arm-cpu\t-\t-\t-\tx
            sa1110\tsa1110-arm-cpu\t-\t-\t-\tx
            sa1100\tsa1100-arm-cpu\t-\t-\t-\tx
            max\tmax-arm-cpu\t-\t-\t-\tx
            cortex-a53\tcortex-a53-arm-cpu\t-\t-\t-\tx
            cortex-m0\tcortex-m0-arm-cpu\t-\t-\t-\tx
            cortex-m33\tcortex-m33-arm-cpu\t-\t-\t-\tx
            cortex-a72\tcortex-a72-arm-cpu\t-\t-\t-\tx
            arm946\tarm946-arm-cpu\t-\t-\t-\tx
            pxa255\tpxa255-arm-cpu\t-\t-\t-\tx
            arm11mpcore\tarm11mpcore-arm-cpu\t-\t-\t-\tx
            cortex-m55\tcortex-m55-arm-cpu\t-\t-\t-\tx
            neoverse-n1\tneoverse-n1-arm-cpu\t-\t-\t-\tx
            arm926\tarm926-arm-cpu\t-\t-\t-\tx
            arm1136\tarm1136-arm-cpu\t-\t-\t-\tx
            cortex-a35\tcortex-a35-arm-cpu\t-\t-\t-\tx
            arm1136-r2\tarm1136-r2-arm-cpu\t-\t-\t-\tx
            cortex-m3\tcortex-m3-arm-cpu\t-\t-\t-\tx
            """;

    private static final String CPU_DEFINITIONS_ARM = """
            # query-cpu-definitions of Debian's qemu-system-arm 7.2 (-accel tcg, -machine none), restricted to the
            # -cpu models qtest-jvm accepts; columns: name, typename ("-" for an empty one), flags (s: static,
            # m: migration-safe, d: deprecated), alias-of ("-" for none), unavailable-features (comma list, "-" for \
            none),
            # u when the answer carries unavailable-features (x86), x when it does not
            pxa270-c0\tpxa270-c0-arm-cpu\t-\t-\t-\tx
            cortex-a15\tcortex-a15-arm-cpu\t-\t-\t-\tx
            pxa270-b0\tpxa270-b0-arm-cpu\t-\t-\t-\tx
            cortex-m4\tcortex-m4-arm-cpu\t-\t-\t-\tx
            pxa270-a0\tpxa270-a0-arm-cpu\t-\t-\t-\tx
            arm1176\tarm1176-arm-cpu\t-\t-\t-\tx
            pxa270-b1\tpxa270-b1-arm-cpu\t-\t-\t-\tx
            cortex-a7\tcortex-a7-arm-cpu\t-\t-\t-\tx
            pxa270-a1\tpxa270-a1-arm-cpu\t-\t-\t-\tx
            cortex-a8\tcortex-a8-arm-cpu\t-\t-\t-\tx
            cortex-r5\tcortex-r5-arm-cpu\t-\t-\t-\tx
            ti925t\tti925t-arm-cpu\t-\t-\t-\tx
            cortex-r5f\tcortex-r5f-arm-cpu\t-\t-\t-\tx
            arm1026\tarm1026-arm-cpu\t-\t-\t-\tx
            cortex-a9\tcortex-a9-arm-cpu\t-\t-\t-\tx
            cortex-m7\tcortex-m7-arm-cpu\t-\t-\t-\tx
            pxa270\tpxa270-arm-cpu\t-\t-\t-\tx
            pxa260\tpxa260-arm-cpu\t-\t-\t-\tx
            pxa250\tpxa250-arm-cpu\t-\t-\t-\tx
            pxa270-c5\tpxa270-c5-arm-cpu\t-\t-\t-\tx
            pxa261\tpxa261-arm-cpu\t-\t-\t-\tx
            pxa262\tpxa262-arm-cpu\t-\t-\t-\tx
            sa1110\tsa1110-arm-cpu\t-\t-\t-\tx
            sa1100\tsa1100-arm-cpu\t-\t-\t-\tx
            max\tmax-arm-cpu\t-\t-\t-\tx
            cortex-m0\tcortex-m0-arm-cpu\t-\t-\t-\tx
            cortex-m33\tcortex-m33-arm-cpu\t-\t-\t-\tx
            arm946\tarm946-arm-cpu\t-\t-\t-\tx
            pxa255\tpxa255-arm-cpu\t-\t-\t-\tx
            arm11mpcore\tarm11mpcore-arm-cpu\t-\t-\t-\tx
            cortex-m55\tcortex-m55-arm-cpu\t-\t-\t-\tx
            arm926\tarm926-arm-cpu\t-\t-\t-\tx
            arm1136\tarm1136-arm-cpu\t-\t-\t-\tx
            arm1136-r2\tarm1136-r2-arm-cpu\t-\t-\t-\tx
            cortex-m3\tcortex-m3-arm-cpu\t-\t-\t-\tx
            """;

    private static final String CPU_DEFINITIONS_I386 = """
            # query-cpu-definitions of Debian's qemu-system-i386 7.2 (-accel tcg, -machine none), restricted to the
            # -cpu models qtest-jvm accepts; columns: name, typename ("-" for an empty one), flags (s: static,
            # m: migration-safe, d: deprecated), alias-of ("-" for none), unavailable-features (comma list, "-" for \
            none),
            # u when the answer carries unavailable-features (x86), x when it does not
            max\tmax-i386-cpu\t-\t-\t-\tu
            host\thost-i386-cpu\t-\t-\tkvm\tu
            base\tbase-i386-cpu\tsm\t-\t-\tu
            qemu64-v1\tqemu64-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            qemu64\tqemu64-i386-cpu\tm\tqemu64-v1\tsyscall,lm\tu
            qemu32-v1\tqemu32-v1-i386-cpu\tm\t-\t-\tu
            qemu32\tqemu32-i386-cpu\tm\tqemu32-v1\t-\tu
            phenom-v1\tphenom-v1-i386-cpu\tm\t-\tsyscall,fxsr-opt,lm\tu
            phenom\tphenom-i386-cpu\tm\tphenom-v1\tsyscall,fxsr-opt,lm\tu
            pentium3-v1\tpentium3-v1-i386-cpu\tm\t-\t-\tu
            pentium3\tpentium3-i386-cpu\tm\tpentium3-v1\t-\tu
            pentium2-v1\tpentium2-v1-i386-cpu\tm\t-\t-\tu
            pentium2\tpentium2-i386-cpu\tm\tpentium2-v1\t-\tu
            pentium-v1\tpentium-v1-i386-cpu\tm\t-\t-\tu
            pentium\tpentium-i386-cpu\tm\tpentium-v1\t-\tu
            n270-v1\tn270-v1-i386-cpu\tm\t-\t-\tu
            n270\tn270-i386-cpu\tm\tn270-v1\t-\tu
            kvm64-v1\tkvm64-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            kvm64\tkvm64-i386-cpu\tm\tkvm64-v1\tsyscall,lm\tu
            kvm32-v1\tkvm32-v1-i386-cpu\tm\t-\t-\tu
            kvm32\tkvm32-i386-cpu\tm\tkvm32-v1\t-\tu
            coreduo-v1\tcoreduo-v1-i386-cpu\tm\t-\t-\tu
            coreduo\tcoreduo-i386-cpu\tm\tcoreduo-v1\t-\tu
            core2duo-v1\tcore2duo-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            core2duo\tcore2duo-i386-cpu\tm\tcore2duo-v1\tsyscall,lm\tu
            athlon-v1\tathlon-v1-i386-cpu\tm\t-\t-\tu
            athlon\tathlon-i386-cpu\tm\tathlon-v1\t-\tu
            Westmere-v2\tWestmere-v2-i386-cpu\tm\t-\tspec-ctrl,syscall,lm\tu
            Westmere-v1\tWestmere-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            Westmere-IBRS\tWestmere-IBRS-i386-cpu\tm\tWestmere-v2\tspec-ctrl,syscall,lm\tu
            Westmere\tWestmere-i386-cpu\tm\tWestmere-v1\tsyscall,lm\tu
            Snowridge-v4\tSnowridge-v4-i386-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,ssbd,syscall,lm,3dnowprefetch,xsavec,xsaves\tu
            Snowridge-v3\tSnowridge-v3-i386-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,syscall,lm,3dnowprefetch,xsavec,xsaves,\
            split-lock-detect\tu
            Snowridge-v2\tSnowridge-v2-i386-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,syscall,lm,3dnowprefetch,xsavec,\
            split-lock-detect\tu
            Snowridge-v1\tSnowridge-v1-i386-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,syscall,lm,3dnowprefetch,xsavec,\
            split-lock-detect\tu
            Snowridge\tSnowridge-i386-cpu\tm\tSnowridge-v1\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,syscall,lm,3dnowprefetch,xsavec,\
            split-lock-detect\tu
            Skylake-Server-v5\tSkylake-Server-v5-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,syscall,lm,3dnowprefetch,xsavec,xsaves\tu
            Skylake-Server-v4\tSkylake-Server-v4-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Server-v3\tSkylake-Server-v3-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Server-v2\tSkylake-Server-v2-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Server-v1\tSkylake-Server-v1-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Server-noTSX-IBRS\tSkylake-Server-noTSX-IBRS-i386-cpu\tm\tSkylake-Server-v3\tpcid,x2apic,\
            tsc-deadline,invpcid,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,syscall,lm,\
            3dnowprefetch,xsavec\tu
            Skylake-Server-IBRS\tSkylake-Server-IBRS-i386-cpu\tm\tSkylake-Server-v2\tpcid,x2apic,tsc-deadline,hle,\
            invpcid,rtm,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Server\tSkylake-Server-i386-cpu\tm\tSkylake-Server-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Client-v4\tSkylake-Client-v4-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,spec-ctrl,\
            syscall,lm,3dnowprefetch,xsavec,xsaves\tu
            Skylake-Client-v3\tSkylake-Client-v3-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,spec-ctrl,\
            syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Client-v2\tSkylake-Client-v2-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,\
            spec-ctrl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Client-v1\tSkylake-Client-v1-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,\
            syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Client-noTSX-IBRS\tSkylake-Client-noTSX-IBRS-i386-cpu\tm\tSkylake-Client-v3\tpcid,x2apic,\
            tsc-deadline,invpcid,rdseed,spec-ctrl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Client-IBRS\tSkylake-Client-IBRS-i386-cpu\tm\tSkylake-Client-v2\tpcid,x2apic,tsc-deadline,hle,\
            invpcid,rtm,rdseed,spec-ctrl,syscall,lm,3dnowprefetch,xsavec\tu
            Skylake-Client\tSkylake-Client-i386-cpu\tm\tSkylake-Client-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            rdseed,syscall,lm,3dnowprefetch,xsavec\tu
            SandyBridge-v2\tSandyBridge-v2-i386-cpu\tm\t-\tx2apic,tsc-deadline,spec-ctrl,syscall,lm\tu
            SandyBridge-v1\tSandyBridge-v1-i386-cpu\tm\t-\tx2apic,tsc-deadline,syscall,lm\tu
            SandyBridge-IBRS\tSandyBridge-IBRS-i386-cpu\tm\tSandyBridge-v2\tx2apic,tsc-deadline,spec-ctrl,syscall,lm\tu
            SandyBridge\tSandyBridge-i386-cpu\tm\tSandyBridge-v1\tx2apic,tsc-deadline,syscall,lm\tu
            Penryn-v1\tPenryn-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            Penryn\tPenryn-i386-cpu\tm\tPenryn-v1\tsyscall,lm\tu
            Opteron_G5-v1\tOpteron_G5-v1-i386-cpu\tm\t-\tsyscall,lm,misalignsse,3dnowprefetch,xop,fma4,tbm,nrip-save\tu
            Opteron_G5\tOpteron_G5-i386-cpu\tm\tOpteron_G5-v1\tsyscall,lm,misalignsse,3dnowprefetch,xop,fma4,tbm,\
            nrip-save\tu
            Opteron_G4-v1\tOpteron_G4-v1-i386-cpu\tm\t-\tsyscall,lm,misalignsse,3dnowprefetch,xop,fma4,nrip-save\tu
            Opteron_G4\tOpteron_G4-i386-cpu\tm\tOpteron_G4-v1\tsyscall,lm,misalignsse,3dnowprefetch,xop,fma4,\
            nrip-save\tu
            Opteron_G3-v1\tOpteron_G3-v1-i386-cpu\tm\t-\tsyscall,lm,misalignsse\tu
            Opteron_G3\tOpteron_G3-i386-cpu\tm\tOpteron_G3-v1\tsyscall,lm,misalignsse\tu
            Opteron_G2-v1\tOpteron_G2-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            Opteron_G2\tOpteron_G2-i386-cpu\tm\tOpteron_G2-v1\tsyscall,lm\tu
            Opteron_G1-v1\tOpteron_G1-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            Opteron_G1\tOpteron_G1-i386-cpu\tm\tOpteron_G1-v1\tsyscall,lm\tu
            Nehalem-v2\tNehalem-v2-i386-cpu\tm\t-\tspec-ctrl,syscall,lm\tu
            Nehalem-v1\tNehalem-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            Nehalem-IBRS\tNehalem-IBRS-i386-cpu\tm\tNehalem-v2\tspec-ctrl,syscall,lm\tu
            Nehalem\tNehalem-i386-cpu\tm\tNehalem-v1\tsyscall,lm\tu
            KnightsMill-v1\tKnightsMill-v1-i386-cpu\tm\t-\tx2apic,tsc-deadline,avx512f,rdseed,avx512pf,avx512er,\
            avx512cd,avx512-vpopcntdq,avx512-4vnniw,avx512-4fmaps,syscall,lm,3dnowprefetch\tu
            KnightsMill\tKnightsMill-i386-cpu\tm\tKnightsMill-v1\tx2apic,tsc-deadline,avx512f,rdseed,avx512pf,\
            avx512er,avx512cd,avx512-vpopcntdq,avx512-4vnniw,avx512-4fmaps,syscall,lm,3dnowprefetch\tu
            IvyBridge-v2\tIvyBridge-v2-i386-cpu\tm\t-\tx2apic,tsc-deadline,spec-ctrl,syscall,lm\tu
            IvyBridge-v1\tIvyBridge-v1-i386-cpu\tm\t-\tx2apic,tsc-deadline,syscall,lm\tu
            IvyBridge-IBRS\tIvyBridge-IBRS-i386-cpu\tm\tIvyBridge-v2\tx2apic,tsc-deadline,spec-ctrl,syscall,lm\tu
            IvyBridge\tIvyBridge-i386-cpu\tm\tIvyBridge-v1\tx2apic,tsc-deadline,syscall,lm\tu
            Icelake-Server-v6\tIcelake-Server-v6-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512ifma,avx512cd,sha-ni,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,rdpid,fsrm,spec-ctrl,arch-capabilities,ssbd,syscall,lm,3dnowprefetch,\
            wbnoinvd,xsavec,xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v5\tIcelake-Server-v5-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512ifma,avx512cd,sha-ni,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,rdpid,fsrm,spec-ctrl,arch-capabilities,ssbd,syscall,lm,3dnowprefetch,\
            wbnoinvd,xsavec,xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v4\tIcelake-Server-v4-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512ifma,avx512cd,sha-ni,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,rdpid,fsrm,spec-ctrl,arch-capabilities,ssbd,syscall,lm,3dnowprefetch,\
            wbnoinvd,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v3\tIcelake-Server-v3-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,avx512bitalg,\
            avx512-vpopcntdq,spec-ctrl,arch-capabilities,ssbd,syscall,lm,3dnowprefetch,wbnoinvd,xsavec,rdctl-no,\
            ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v2\tIcelake-Server-v2-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,avx512bitalg,\
            avx512-vpopcntdq,spec-ctrl,ssbd,syscall,lm,3dnowprefetch,wbnoinvd,xsavec\tu
            Icelake-Server-v1\tIcelake-Server-v1-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,avx512bitalg,\
            avx512-vpopcntdq,spec-ctrl,ssbd,syscall,lm,3dnowprefetch,wbnoinvd,xsavec\tu
            Icelake-Server-noTSX\tIcelake-Server-noTSX-i386-cpu\tm\tIcelake-Server-v2\tpcid,x2apic,tsc-deadline,\
            invpcid,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,\
            avx512vnni,avx512bitalg,avx512-vpopcntdq,spec-ctrl,ssbd,syscall,lm,3dnowprefetch,wbnoinvd,xsavec\tu
            Icelake-Server\tIcelake-Server-i386-cpu\tm\tIcelake-Server-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,spec-ctrl,ssbd,syscall,lm,3dnowprefetch,wbnoinvd,xsavec\tu
            Haswell-v4\tHaswell-v4-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,spec-ctrl,syscall,lm\tu
            Haswell-v3\tHaswell-v3-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,spec-ctrl,syscall,lm\tu
            Haswell-v2\tHaswell-v2-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,syscall,lm\tu
            Haswell-v1\tHaswell-v1-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,syscall,lm\tu
            Haswell-noTSX-IBRS\tHaswell-noTSX-IBRS-i386-cpu\tm\tHaswell-v4\tpcid,x2apic,tsc-deadline,invpcid,\
            spec-ctrl,syscall,lm\tu
            Haswell-noTSX\tHaswell-noTSX-i386-cpu\tm\tHaswell-v2\tpcid,x2apic,tsc-deadline,invpcid,syscall,lm\tu
            Haswell-IBRS\tHaswell-IBRS-i386-cpu\tm\tHaswell-v3\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,spec-ctrl,\
            syscall,lm\tu
            Haswell\tHaswell-i386-cpu\tm\tHaswell-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,syscall,lm\tu
            EPYC-v3\tEPYC-v3-i386-cpu\tm\t-\trdseed,sha-ni,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,osvw,topoext,\
            perfctr-core,clzero,xsaveerptr,ibpb,nrip-save,xsavec,xsaves\tu
            EPYC-v2\tEPYC-v2-i386-cpu\tm\t-\trdseed,sha-ni,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,osvw,topoext,\
            ibpb,nrip-save,xsavec\tu
            EPYC-v1\tEPYC-v1-i386-cpu\tm\t-\trdseed,sha-ni,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,osvw,topoext,\
            nrip-save,xsavec\tu
            EPYC-Rome-v2\tEPYC-Rome-v2-i386-cpu\tm\t-\trdseed,sha-ni,rdpid,syscall,fxsr-opt,lm,misalignsse,\
            3dnowprefetch,osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,ibrs,amd-stibp,amd-ssbd,nrip-save,\
            xsavec,xsaves\tu
            EPYC-Rome-v1\tEPYC-Rome-v1-i386-cpu\tm\t-\trdseed,sha-ni,rdpid,syscall,fxsr-opt,lm,misalignsse,\
            3dnowprefetch,osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,amd-stibp,nrip-save,xsavec,\
            xsaves\tu
            EPYC-Rome\tEPYC-Rome-i386-cpu\tm\tEPYC-Rome-v1\trdseed,sha-ni,rdpid,syscall,fxsr-opt,lm,misalignsse,\
            3dnowprefetch,osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,amd-stibp,nrip-save,xsavec,\
            xsaves\tu
            EPYC-Milan-v1\tEPYC-Milan-v1-i386-cpu\tm\t-\tpcid,invpcid,rdseed,sha-ni,rdpid,fsrm,syscall,fxsr-opt,lm,\
            misalignsse,3dnowprefetch,osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,ibrs,amd-stibp,\
            amd-ssbd,nrip-save,xsavec,xsaves\tu
            EPYC-Milan\tEPYC-Milan-i386-cpu\tm\tEPYC-Milan-v1\tpcid,invpcid,rdseed,sha-ni,rdpid,fsrm,syscall,fxsr-opt,\
            lm,misalignsse,3dnowprefetch,osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,ibrs,amd-stibp,\
            amd-ssbd,nrip-save,xsavec,xsaves\tu
            EPYC-IBPB\tEPYC-IBPB-i386-cpu\tm\tEPYC-v2\trdseed,sha-ni,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,\
            osvw,topoext,ibpb,nrip-save,xsavec\tu
            EPYC\tEPYC-i386-cpu\tm\tEPYC-v1\trdseed,sha-ni,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,osvw,topoext,\
            nrip-save,xsavec\tu
            Dhyana-v2\tDhyana-v2-i386-cpu\tm\t-\trdseed,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,osvw,topoext,\
            ibpb,nrip-save,xsavec,xsaves\tu
            Dhyana-v1\tDhyana-v1-i386-cpu\tm\t-\trdseed,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,osvw,topoext,\
            ibpb,nrip-save,xsavec\tu
            Dhyana\tDhyana-i386-cpu\tm\tDhyana-v1\trdseed,syscall,fxsr-opt,lm,misalignsse,3dnowprefetch,osvw,topoext,\
            ibpb,nrip-save,xsavec\tu
            Denverton-v3\tDenverton-v3-i386-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,arch-capabilities,\
            ssbd,syscall,lm,3dnowprefetch,xsavec,xsaves,rdctl-no,skip-l1dfl-vmentry\tu
            Denverton-v2\tDenverton-v2-i386-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,arch-capabilities,\
            ssbd,syscall,lm,3dnowprefetch,xsavec,rdctl-no,skip-l1dfl-vmentry\tu
            Denverton-v1\tDenverton-v1-i386-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,arch-capabilities,\
            ssbd,syscall,lm,3dnowprefetch,xsavec,rdctl-no,skip-l1dfl-vmentry\tu
            Denverton\tDenverton-i386-cpu\tm\tDenverton-v1\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,\
            arch-capabilities,ssbd,syscall,lm,3dnowprefetch,xsavec,rdctl-no,skip-l1dfl-vmentry\tu
            Cooperlake-v2\tCooperlake-v2-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,stibp,arch-capabilities,ssbd,avx512-bf16,syscall,\
            lm,3dnowprefetch,xsavec,xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Cooperlake-v1\tCooperlake-v1-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,stibp,arch-capabilities,ssbd,avx512-bf16,syscall,\
            lm,3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Cooperlake\tCooperlake-i386-cpu\tm\tCooperlake-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,stibp,arch-capabilities,ssbd,avx512-bf16,\
            syscall,lm,3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Conroe-v1\tConroe-v1-i386-cpu\tm\t-\tsyscall,lm\tu
            Conroe\tConroe-i386-cpu\tm\tConroe-v1\tsyscall,lm\tu
            Cascadelake-Server-v5\tCascadelake-Server-v5-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,syscall,lm,\
            3dnowprefetch,xsavec,xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v4\tCascadelake-Server-v4-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,syscall,lm,\
            3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v3\tCascadelake-Server-v3-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,syscall,lm,\
            3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v2\tCascadelake-Server-v2-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,syscall,lm,\
            3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v1\tCascadelake-Server-v1-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,ssbd,syscall,lm,3dnowprefetch,\
            xsavec\tu
            Cascadelake-Server-noTSX\tCascadelake-Server-noTSX-i386-cpu\tm\tCascadelake-Server-v3\tpcid,x2apic,\
            tsc-deadline,invpcid,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,\
            arch-capabilities,ssbd,syscall,lm,3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server\tCascadelake-Server-i386-cpu\tm\tCascadelake-Server-v1\tpcid,x2apic,tsc-deadline,hle,\
            invpcid,rtm,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,ssbd,syscall,lm,\
            3dnowprefetch,xsavec\tu
            Broadwell-v4\tBroadwell-v4-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,spec-ctrl,syscall,lm,\
            3dnowprefetch\tu
            Broadwell-v3\tBroadwell-v3-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,spec-ctrl,\
            syscall,lm,3dnowprefetch\tu
            Broadwell-v2\tBroadwell-v2-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,syscall,lm,\
            3dnowprefetch\tu
            Broadwell-v1\tBroadwell-v1-i386-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,syscall,lm,\
            3dnowprefetch\tu
            Broadwell-noTSX-IBRS\tBroadwell-noTSX-IBRS-i386-cpu\tm\tBroadwell-v4\tpcid,x2apic,tsc-deadline,invpcid,\
            rdseed,spec-ctrl,syscall,lm,3dnowprefetch\tu
            Broadwell-noTSX\tBroadwell-noTSX-i386-cpu\tm\tBroadwell-v2\tpcid,x2apic,tsc-deadline,invpcid,rdseed,\
            syscall,lm,3dnowprefetch\tu
            Broadwell-IBRS\tBroadwell-IBRS-i386-cpu\tm\tBroadwell-v3\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,\
            spec-ctrl,syscall,lm,3dnowprefetch\tu
            Broadwell\tBroadwell-i386-cpu\tm\tBroadwell-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,syscall,\
            lm,3dnowprefetch\tu
            486-v1\t486-v1-i386-cpu\tm\t-\t-\tu
            486\t486-i386-cpu\tm\t486-v1\t-\tu
            """;

    private static final String CPU_DEFINITIONS_PPC64 = """
            # query-cpu-definitions of Debian's qemu-system-ppc64 7.2 (-accel tcg, -machine none), restricted to the
            # -cpu models qtest-jvm accepts; columns: name, typename ("-" for an empty one), flags (s: static,
            # m: migration-safe, d: deprecated), alias-of ("-" for none), unavailable-features (comma list, "-" for \
            none),
            # u when the answer carries unavailable-features (x86), x when it does not
            power10\tpower10_v2.0-powerpc64-cpu\t-\t-\t-\tx
            power9\tpower9_v2.0-powerpc64-cpu\t-\t-\t-\tx
            power8nvl\tpower8nvl_v1.0-powerpc64-cpu\t-\t-\t-\tx
            power8\tpower8_v2.0-powerpc64-cpu\t-\t-\t-\tx
            power8e\tpower8e_v2.1-powerpc64-cpu\t-\t-\t-\tx
            power7+\tpower7+_v2.1-powerpc64-cpu\t-\t-\t-\tx
            power7\tpower7_v2.3-powerpc64-cpu\t-\t-\t-\tx
            power5gs\tpower5+_v2.1-powerpc64-cpu\t-\t-\t-\tx
            power5+\tpower5+_v2.1-powerpc64-cpu\t-\t-\t-\tx
            970mp\t970mp_v1.1-powerpc64-cpu\t-\t-\t-\tx
            970fx\t970fx_v3.1-powerpc64-cpu\t-\t-\t-\tx
            970\t970_v2.2-powerpc64-cpu\t-\t-\t-\tx
            power8nvl_v1.0\t-\t-\t-\t-\tx
            power8_v2.0\t-\t-\t-\t-\tx
            970fx_v2.0\t-\t-\t-\t-\tx
            970fx_v2.1\t-\t-\t-\t-\tx
            power9_v2.0\t-\t-\t-\t-\tx
            power10_v2.0\t-\t-\t-\t-\tx
            power7+_v2.1\t-\t-\t-\t-\tx
            970_v2.2\t-\t-\t-\t-\tx
            e5500\t-\t-\t-\t-\tx
            power7_v2.3\t-\t-\t-\t-\tx
            970mp_v1.0\t-\t-\t-\t-\tx
            970mp_v1.1\t-\t-\t-\t-\tx
            power5+_v2.1\t-\t-\t-\t-\tx
            970fx_v1.0\t-\t-\t-\t-\tx
            power8e_v2.1\t-\t-\t-\t-\tx
            power9_v1.0\t-\t-\t-\t-\tx
            power10_v1.0\t-\t-\t-\t-\tx
            970fx_v3.0\t-\t-\t-\t-\tx
            970fx_v3.1\t-\t-\t-\t-\tx
            e6500\t-\t-\t-\t-\tx
            """;

    private static final String CPU_DEFINITIONS_X86_64 = """
            # query-cpu-definitions of Debian's qemu-system-x86_64 7.2 (-accel tcg, -machine none), restricted to the
            # -cpu models qtest-jvm accepts; columns: name, typename ("-" for an empty one), flags (s: static,
            # m: migration-safe, d: deprecated), alias-of ("-" for none), unavailable-features (comma list, "-" for \
            none),
            # u when the answer carries unavailable-features (x86), x when it does not
            max\tmax-x86_64-cpu\t-\t-\t-\tu
            host\thost-x86_64-cpu\t-\t-\tkvm\tu
            base\tbase-x86_64-cpu\tsm\t-\t-\tu
            qemu64-v1\tqemu64-v1-x86_64-cpu\tm\t-\t-\tu
            qemu64\tqemu64-x86_64-cpu\tm\tqemu64-v1\t-\tu
            qemu32-v1\tqemu32-v1-x86_64-cpu\tm\t-\t-\tu
            qemu32\tqemu32-x86_64-cpu\tm\tqemu32-v1\t-\tu
            phenom-v1\tphenom-v1-x86_64-cpu\tm\t-\tfxsr-opt\tu
            phenom\tphenom-x86_64-cpu\tm\tphenom-v1\tfxsr-opt\tu
            pentium3-v1\tpentium3-v1-x86_64-cpu\tm\t-\t-\tu
            pentium3\tpentium3-x86_64-cpu\tm\tpentium3-v1\t-\tu
            pentium2-v1\tpentium2-v1-x86_64-cpu\tm\t-\t-\tu
            pentium2\tpentium2-x86_64-cpu\tm\tpentium2-v1\t-\tu
            pentium-v1\tpentium-v1-x86_64-cpu\tm\t-\t-\tu
            pentium\tpentium-x86_64-cpu\tm\tpentium-v1\t-\tu
            n270-v1\tn270-v1-x86_64-cpu\tm\t-\t-\tu
            n270\tn270-x86_64-cpu\tm\tn270-v1\t-\tu
            kvm64-v1\tkvm64-v1-x86_64-cpu\tm\t-\t-\tu
            kvm64\tkvm64-x86_64-cpu\tm\tkvm64-v1\t-\tu
            kvm32-v1\tkvm32-v1-x86_64-cpu\tm\t-\t-\tu
            kvm32\tkvm32-x86_64-cpu\tm\tkvm32-v1\t-\tu
            coreduo-v1\tcoreduo-v1-x86_64-cpu\tm\t-\t-\tu
            coreduo\tcoreduo-x86_64-cpu\tm\tcoreduo-v1\t-\tu
            core2duo-v1\tcore2duo-v1-x86_64-cpu\tm\t-\t-\tu
            core2duo\tcore2duo-x86_64-cpu\tm\tcore2duo-v1\t-\tu
            athlon-v1\tathlon-v1-x86_64-cpu\tm\t-\t-\tu
            athlon\tathlon-x86_64-cpu\tm\tathlon-v1\t-\tu
            Westmere-v2\tWestmere-v2-x86_64-cpu\tm\t-\tspec-ctrl\tu
            Westmere-v1\tWestmere-v1-x86_64-cpu\tm\t-\t-\tu
            Westmere-IBRS\tWestmere-IBRS-x86_64-cpu\tm\tWestmere-v2\tspec-ctrl\tu
            Westmere\tWestmere-x86_64-cpu\tm\tWestmere-v1\t-\tu
            Snowridge-v4\tSnowridge-v4-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,xsavec,xsaves\tu
            Snowridge-v3\tSnowridge-v3-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,3dnowprefetch,xsavec,xsaves,split-lock-detect\tu
            Snowridge-v2\tSnowridge-v2-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,3dnowprefetch,xsavec,split-lock-detect\tu
            Snowridge-v1\tSnowridge-v1-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,3dnowprefetch,xsavec,split-lock-detect\tu
            Snowridge\tSnowridge-x86_64-cpu\tm\tSnowridge-v1\tx2apic,tsc-deadline,rdseed,sha-ni,gfni,cldemote,movdiri,\
            movdir64b,spec-ctrl,arch-capabilities,core-capability,ssbd,3dnowprefetch,xsavec,split-lock-detect\tu
            Skylake-Server-v5\tSkylake-Server-v5-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,3dnowprefetch,xsavec,xsaves\tu
            Skylake-Server-v4\tSkylake-Server-v4-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Server-v3\tSkylake-Server-v3-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Server-v2\tSkylake-Server-v2-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Server-v1\tSkylake-Server-v1-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,3dnowprefetch,xsavec\tu
            Skylake-Server-noTSX-IBRS\tSkylake-Server-noTSX-IBRS-x86_64-cpu\tm\tSkylake-Server-v3\tpcid,x2apic,\
            tsc-deadline,invpcid,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Server-IBRS\tSkylake-Server-IBRS-x86_64-cpu\tm\tSkylake-Server-v2\tpcid,x2apic,tsc-deadline,hle,\
            invpcid,rtm,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Server\tSkylake-Server-x86_64-cpu\tm\tSkylake-Server-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,3dnowprefetch,xsavec\tu
            Skylake-Client-v4\tSkylake-Client-v4-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,spec-ctrl,\
            3dnowprefetch,xsavec,xsaves\tu
            Skylake-Client-v3\tSkylake-Client-v3-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,spec-ctrl,\
            3dnowprefetch,xsavec\tu
            Skylake-Client-v2\tSkylake-Client-v2-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,\
            spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Client-v1\tSkylake-Client-v1-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,\
            3dnowprefetch,xsavec\tu
            Skylake-Client-noTSX-IBRS\tSkylake-Client-noTSX-IBRS-x86_64-cpu\tm\tSkylake-Client-v3\tpcid,x2apic,\
            tsc-deadline,invpcid,rdseed,spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Client-IBRS\tSkylake-Client-IBRS-x86_64-cpu\tm\tSkylake-Client-v2\tpcid,x2apic,tsc-deadline,hle,\
            invpcid,rtm,rdseed,spec-ctrl,3dnowprefetch,xsavec\tu
            Skylake-Client\tSkylake-Client-x86_64-cpu\tm\tSkylake-Client-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            rdseed,3dnowprefetch,xsavec\tu
            SandyBridge-v2\tSandyBridge-v2-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,spec-ctrl\tu
            SandyBridge-v1\tSandyBridge-v1-x86_64-cpu\tm\t-\tx2apic,tsc-deadline\tu
            SandyBridge-IBRS\tSandyBridge-IBRS-x86_64-cpu\tm\tSandyBridge-v2\tx2apic,tsc-deadline,spec-ctrl\tu
            SandyBridge\tSandyBridge-x86_64-cpu\tm\tSandyBridge-v1\tx2apic,tsc-deadline\tu
            Penryn-v1\tPenryn-v1-x86_64-cpu\tm\t-\t-\tu
            Penryn\tPenryn-x86_64-cpu\tm\tPenryn-v1\t-\tu
            Opteron_G5-v1\tOpteron_G5-v1-x86_64-cpu\tm\t-\tmisalignsse,3dnowprefetch,xop,fma4,tbm,nrip-save\tu
            Opteron_G5\tOpteron_G5-x86_64-cpu\tm\tOpteron_G5-v1\tmisalignsse,3dnowprefetch,xop,fma4,tbm,nrip-save\tu
            Opteron_G4-v1\tOpteron_G4-v1-x86_64-cpu\tm\t-\tmisalignsse,3dnowprefetch,xop,fma4,nrip-save\tu
            Opteron_G4\tOpteron_G4-x86_64-cpu\tm\tOpteron_G4-v1\tmisalignsse,3dnowprefetch,xop,fma4,nrip-save\tu
            Opteron_G3-v1\tOpteron_G3-v1-x86_64-cpu\tm\t-\tmisalignsse\tu
            Opteron_G3\tOpteron_G3-x86_64-cpu\tm\tOpteron_G3-v1\tmisalignsse\tu
            Opteron_G2-v1\tOpteron_G2-v1-x86_64-cpu\tm\t-\t-\tu
            Opteron_G2\tOpteron_G2-x86_64-cpu\tm\tOpteron_G2-v1\t-\tu
            Opteron_G1-v1\tOpteron_G1-v1-x86_64-cpu\tm\t-\t-\tu
            Opteron_G1\tOpteron_G1-x86_64-cpu\tm\tOpteron_G1-v1\t-\tu
            Nehalem-v2\tNehalem-v2-x86_64-cpu\tm\t-\tspec-ctrl\tu
            Nehalem-v1\tNehalem-v1-x86_64-cpu\tm\t-\t-\tu
            Nehalem-IBRS\tNehalem-IBRS-x86_64-cpu\tm\tNehalem-v2\tspec-ctrl\tu
            Nehalem\tNehalem-x86_64-cpu\tm\tNehalem-v1\t-\tu
            KnightsMill-v1\tKnightsMill-v1-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,avx512f,rdseed,avx512pf,avx512er,\
            avx512cd,avx512-vpopcntdq,avx512-4vnniw,avx512-4fmaps,3dnowprefetch\tu
            KnightsMill\tKnightsMill-x86_64-cpu\tm\tKnightsMill-v1\tx2apic,tsc-deadline,avx512f,rdseed,avx512pf,\
            avx512er,avx512cd,avx512-vpopcntdq,avx512-4vnniw,avx512-4fmaps,3dnowprefetch\tu
            IvyBridge-v2\tIvyBridge-v2-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,spec-ctrl\tu
            IvyBridge-v1\tIvyBridge-v1-x86_64-cpu\tm\t-\tx2apic,tsc-deadline\tu
            IvyBridge-IBRS\tIvyBridge-IBRS-x86_64-cpu\tm\tIvyBridge-v2\tx2apic,tsc-deadline,spec-ctrl\tu
            IvyBridge\tIvyBridge-x86_64-cpu\tm\tIvyBridge-v1\tx2apic,tsc-deadline\tu
            Icelake-Server-v6\tIcelake-Server-v6-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512ifma,avx512cd,sha-ni,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,rdpid,fsrm,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,wbnoinvd,xsavec,\
            xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v5\tIcelake-Server-v5-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512ifma,avx512cd,sha-ni,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,rdpid,fsrm,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,wbnoinvd,xsavec,\
            xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v4\tIcelake-Server-v4-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512ifma,avx512cd,sha-ni,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,rdpid,fsrm,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,wbnoinvd,xsavec,\
            rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v3\tIcelake-Server-v3-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,avx512bitalg,\
            avx512-vpopcntdq,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,wbnoinvd,xsavec,rdctl-no,ibrs-all,\
            skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Icelake-Server-v2\tIcelake-Server-v2-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,avx512bitalg,\
            avx512-vpopcntdq,spec-ctrl,ssbd,3dnowprefetch,wbnoinvd,xsavec\tu
            Icelake-Server-v1\tIcelake-Server-v1-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,avx512bitalg,\
            avx512-vpopcntdq,spec-ctrl,ssbd,3dnowprefetch,wbnoinvd,xsavec\tu
            Icelake-Server-noTSX\tIcelake-Server-noTSX-x86_64-cpu\tm\tIcelake-Server-v2\tpcid,x2apic,tsc-deadline,\
            invpcid,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,\
            avx512vnni,avx512bitalg,avx512-vpopcntdq,spec-ctrl,ssbd,3dnowprefetch,wbnoinvd,xsavec\tu
            Icelake-Server\tIcelake-Server-x86_64-cpu\tm\tIcelake-Server-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vbmi,avx512vbmi2,gfni,vpclmulqdq,avx512vnni,\
            avx512bitalg,avx512-vpopcntdq,spec-ctrl,ssbd,3dnowprefetch,wbnoinvd,xsavec\tu
            Haswell-v4\tHaswell-v4-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,spec-ctrl\tu
            Haswell-v3\tHaswell-v3-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,spec-ctrl\tu
            Haswell-v2\tHaswell-v2-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid\tu
            Haswell-v1\tHaswell-v1-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm\tu
            Haswell-noTSX-IBRS\tHaswell-noTSX-IBRS-x86_64-cpu\tm\tHaswell-v4\tpcid,x2apic,tsc-deadline,invpcid,\
            spec-ctrl\tu
            Haswell-noTSX\tHaswell-noTSX-x86_64-cpu\tm\tHaswell-v2\tpcid,x2apic,tsc-deadline,invpcid\tu
            Haswell-IBRS\tHaswell-IBRS-x86_64-cpu\tm\tHaswell-v3\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,spec-ctrl\tu
            Haswell\tHaswell-x86_64-cpu\tm\tHaswell-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm\tu
            EPYC-v3\tEPYC-v3-x86_64-cpu\tm\t-\trdseed,sha-ni,fxsr-opt,misalignsse,3dnowprefetch,osvw,topoext,\
            perfctr-core,clzero,xsaveerptr,ibpb,nrip-save,xsavec,xsaves\tu
            EPYC-v2\tEPYC-v2-x86_64-cpu\tm\t-\trdseed,sha-ni,fxsr-opt,misalignsse,3dnowprefetch,osvw,topoext,ibpb,\
            nrip-save,xsavec\tu
            EPYC-v1\tEPYC-v1-x86_64-cpu\tm\t-\trdseed,sha-ni,fxsr-opt,misalignsse,3dnowprefetch,osvw,topoext,\
            nrip-save,xsavec\tu
            EPYC-Rome-v2\tEPYC-Rome-v2-x86_64-cpu\tm\t-\trdseed,sha-ni,rdpid,fxsr-opt,misalignsse,3dnowprefetch,osvw,\
            topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,ibrs,amd-stibp,amd-ssbd,nrip-save,xsavec,xsaves\tu
            EPYC-Rome-v1\tEPYC-Rome-v1-x86_64-cpu\tm\t-\trdseed,sha-ni,rdpid,fxsr-opt,misalignsse,3dnowprefetch,osvw,\
            topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,amd-stibp,nrip-save,xsavec,xsaves\tu
            EPYC-Rome\tEPYC-Rome-x86_64-cpu\tm\tEPYC-Rome-v1\trdseed,sha-ni,rdpid,fxsr-opt,misalignsse,3dnowprefetch,\
            osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,amd-stibp,nrip-save,xsavec,xsaves\tu
            EPYC-Milan-v1\tEPYC-Milan-v1-x86_64-cpu\tm\t-\tpcid,invpcid,rdseed,sha-ni,rdpid,fsrm,fxsr-opt,misalignsse,\
            3dnowprefetch,osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,ibrs,amd-stibp,amd-ssbd,nrip-save,\
            xsavec,xsaves\tu
            EPYC-Milan\tEPYC-Milan-x86_64-cpu\tm\tEPYC-Milan-v1\tpcid,invpcid,rdseed,sha-ni,rdpid,fsrm,fxsr-opt,\
            misalignsse,3dnowprefetch,osvw,topoext,perfctr-core,clzero,xsaveerptr,wbnoinvd,ibpb,ibrs,amd-stibp,\
            amd-ssbd,nrip-save,xsavec,xsaves\tu
            EPYC-IBPB\tEPYC-IBPB-x86_64-cpu\tm\tEPYC-v2\trdseed,sha-ni,fxsr-opt,misalignsse,3dnowprefetch,osvw,\
            topoext,ibpb,nrip-save,xsavec\tu
            EPYC\tEPYC-x86_64-cpu\tm\tEPYC-v1\trdseed,sha-ni,fxsr-opt,misalignsse,3dnowprefetch,osvw,topoext,\
            nrip-save,xsavec\tu
            Dhyana-v2\tDhyana-v2-x86_64-cpu\tm\t-\trdseed,fxsr-opt,misalignsse,3dnowprefetch,osvw,topoext,ibpb,\
            nrip-save,xsavec,xsaves\tu
            Dhyana-v1\tDhyana-v1-x86_64-cpu\tm\t-\trdseed,fxsr-opt,misalignsse,3dnowprefetch,osvw,topoext,ibpb,\
            nrip-save,xsavec\tu
            Dhyana\tDhyana-x86_64-cpu\tm\tDhyana-v1\trdseed,fxsr-opt,misalignsse,3dnowprefetch,osvw,topoext,ibpb,\
            nrip-save,xsavec\tu
            Denverton-v3\tDenverton-v3-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,\
            arch-capabilities,ssbd,3dnowprefetch,xsavec,xsaves,rdctl-no,skip-l1dfl-vmentry\tu
            Denverton-v2\tDenverton-v2-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,\
            arch-capabilities,ssbd,3dnowprefetch,xsavec,rdctl-no,skip-l1dfl-vmentry\tu
            Denverton-v1\tDenverton-v1-x86_64-cpu\tm\t-\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,\
            arch-capabilities,ssbd,3dnowprefetch,xsavec,rdctl-no,skip-l1dfl-vmentry\tu
            Denverton\tDenverton-x86_64-cpu\tm\tDenverton-v1\tx2apic,tsc-deadline,rdseed,sha-ni,spec-ctrl,\
            arch-capabilities,ssbd,3dnowprefetch,xsavec,rdctl-no,skip-l1dfl-vmentry\tu
            Cooperlake-v2\tCooperlake-v2-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,stibp,arch-capabilities,ssbd,avx512-bf16,\
            3dnowprefetch,xsavec,xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Cooperlake-v1\tCooperlake-v1-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,avx512dq,\
            rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,stibp,arch-capabilities,ssbd,avx512-bf16,\
            3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Cooperlake\tCooperlake-x86_64-cpu\tm\tCooperlake-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,stibp,arch-capabilities,ssbd,avx512-bf16,\
            3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no,pschange-mc-no,taa-no\tu
            Conroe-v1\tConroe-v1-x86_64-cpu\tm\t-\t-\tu
            Conroe\tConroe-x86_64-cpu\tm\tConroe-v1\t-\tu
            Cascadelake-Server-v5\tCascadelake-Server-v5-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,\
            xsavec,xsaves,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v4\tCascadelake-Server-v4-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,\
            xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v3\tCascadelake-Server-v3-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,avx512f,\
            avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,3dnowprefetch,\
            xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v2\tCascadelake-Server-v2-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,arch-capabilities,ssbd,\
            3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server-v1\tCascadelake-Server-v1-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,ssbd,3dnowprefetch,xsavec\tu
            Cascadelake-Server-noTSX\tCascadelake-Server-noTSX-x86_64-cpu\tm\tCascadelake-Server-v3\tpcid,x2apic,\
            tsc-deadline,invpcid,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,\
            arch-capabilities,ssbd,3dnowprefetch,xsavec,rdctl-no,ibrs-all,skip-l1dfl-vmentry,mds-no\tu
            Cascadelake-Server\tCascadelake-Server-x86_64-cpu\tm\tCascadelake-Server-v1\tpcid,x2apic,tsc-deadline,hle,\
            invpcid,rtm,avx512f,avx512dq,rdseed,avx512cd,avx512bw,avx512vl,avx512vnni,spec-ctrl,ssbd,3dnowprefetch,\
            xsavec\tu
            Broadwell-v4\tBroadwell-v4-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,spec-ctrl,\
            3dnowprefetch\tu
            Broadwell-v3\tBroadwell-v3-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,spec-ctrl,\
            3dnowprefetch\tu
            Broadwell-v2\tBroadwell-v2-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,invpcid,rdseed,3dnowprefetch\tu
            Broadwell-v1\tBroadwell-v1-x86_64-cpu\tm\t-\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,\
            3dnowprefetch\tu
            Broadwell-noTSX-IBRS\tBroadwell-noTSX-IBRS-x86_64-cpu\tm\tBroadwell-v4\tpcid,x2apic,tsc-deadline,invpcid,\
            rdseed,spec-ctrl,3dnowprefetch\tu
            Broadwell-noTSX\tBroadwell-noTSX-x86_64-cpu\tm\tBroadwell-v2\tpcid,x2apic,tsc-deadline,invpcid,rdseed,\
            3dnowprefetch\tu
            Broadwell-IBRS\tBroadwell-IBRS-x86_64-cpu\tm\tBroadwell-v3\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,\
            rdseed,spec-ctrl,3dnowprefetch\tu
            Broadwell\tBroadwell-x86_64-cpu\tm\tBroadwell-v1\tpcid,x2apic,tsc-deadline,hle,invpcid,rtm,rdseed,\
            3dnowprefetch\tu
            486-v1\t486-v1-x86_64-cpu\tm\t-\t-\tu
            486\t486-x86_64-cpu\tm\t486-v1\t-\tu
            """;

    private static final String X86_MODELS_I386 = """
            # The x86 CPU models' QOM property values as Debian's qemu-system-i386 7.2 reports them (qom-get on
            # -machine none -cpu MODEL,apic-id=0 under -accel tcg): model, family, model, stepping, vendor, model-id \
            (- for
            # empty), level, xlevel, the feature flags that are on (of the list below; - for none)
            # flags: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse \
            sse2 ht pni ssse3 fma cx16 sse4.1 sse4.2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor syscall \
            nx pdpe1gb rdtscp lm lahf-lm svm vmx avx2 bmi1 bmi2 smep erms fsgsbase
            max\t6\t6\t3\tAuthenticAMD\tQEMU TCG CPU version 2.5+\t13\t2147483658\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            base\t0\t0\t0\t\t-\t0\t0\t-
            qemu64-v1\t15\t107\t1\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t13\t2147483658\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,nx,lahf-lm,\
            svm
            qemu64\t15\t107\t1\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t13\t2147483658\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,nx,lahf-lm,svm
            qemu32-v1\t6\t6\t3\tGenuineIntel\tQEMU Virtual CPU version 2.5+\t4\t2147483652\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,pge,cmov,pat,mmx,fxsr,sse,sse2,pni,hypervisor
            qemu32\t6\t6\t3\tGenuineIntel\tQEMU Virtual CPU version 2.5+\t4\t2147483652\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,pge,cmov,pat,mmx,fxsr,sse,sse2,pni,hypervisor
            phenom-v1\t16\t2\t3\tAuthenticAMD\tAMD Phenom(tm) 9550 Quad-Core Processor\t5\t2147483674\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,hypervisor,\
            nx,pdpe1gb,rdtscp,lahf-lm,svm
            phenom\t16\t2\t3\tAuthenticAMD\tAMD Phenom(tm) 9550 Quad-Core Processor\t5\t2147483674\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,hypervisor,\
            nx,pdpe1gb,rdtscp,lahf-lm,svm
            pentium3-v1\t6\t7\t3\tGenuineIntel\t-\t3\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,\
            pat,pse36,mmx,fxsr,sse,hypervisor
            pentium3\t6\t7\t3\tGenuineIntel\t-\t3\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,\
            pse36,mmx,fxsr,sse,hypervisor
            pentium2-v1\t6\t5\t2\tGenuineIntel\t-\t2\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,\
            pat,pse36,mmx,fxsr,hypervisor
            pentium2\t6\t5\t2\tGenuineIntel\t-\t2\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,\
            pse36,mmx,fxsr,hypervisor
            pentium-v1\t5\t4\t3\tGenuineIntel\t-\t1\t0\tfpu,de,pse,tsc,msr,mce,cx8,apic,mmx,hypervisor
            pentium\t5\t4\t3\tGenuineIntel\t-\t1\t0\tfpu,de,pse,tsc,msr,mce,cx8,apic,mmx,hypervisor
            n270-v1\t6\t28\t2\tGenuineIntel\tIntel(R) Atom(TM) CPU N270   @ 1.60GHz\t10\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,ssse3,movbe,hypervisor,nx,\
            lahf-lm
            n270\t6\t28\t2\tGenuineIntel\tIntel(R) Atom(TM) CPU N270   @ 1.60GHz\t10\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,ssse3,movbe,hypervisor,nx,lahf-lm
            kvm64-v1\t15\t6\t1\tGenuineIntel\tCommon KVM processor\t13\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,nx
            kvm64\t15\t6\t1\tGenuineIntel\tCommon KVM processor\t13\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,\
            sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,nx
            kvm32-v1\t15\t6\t1\tGenuineIntel\tCommon 32-bit KVM processor\t5\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor
            kvm32\t15\t6\t1\tGenuineIntel\tCommon 32-bit KVM processor\t5\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor
            coreduo-v1\t6\t14\t8\tGenuineIntel\tGenuine Intel(R) CPU           T2600  @ 2.16GHz\t10\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,nx
            coreduo\t6\t14\t8\tGenuineIntel\tGenuine Intel(R) CPU           T2600  @ 2.16GHz\t10\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,nx
            core2duo-v1\t6\t15\t11\tGenuineIntel\tIntel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz\t10\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,hypervisor,nx,lahf-lm
            core2duo\t6\t15\t11\tGenuineIntel\tIntel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz\t10\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            hypervisor,nx,lahf-lm
            athlon-v1\t6\t2\t3\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t2\t2147483656\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,mmx,fxsr,sse,sse2,hypervisor
            athlon\t6\t2\t3\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t2\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,mmx,fxsr,sse,sse2,hypervisor
            Westmere-v2\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (IBRS update)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,hypervisor,nx,lahf-lm
            Westmere-v1\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (Nehalem-C)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,hypervisor,nx,lahf-lm
            Westmere-IBRS\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (IBRS update)\t11\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,aes,hypervisor,nx,lahf-lm
            Westmere\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (Nehalem-C)\t11\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,hypervisor,nx,lahf-lm
            Snowridge-v4\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (Snowridge, no MPX)\t27\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Snowridge-v3\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (Snowridge, no MPX)\t27\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Snowridge-v2\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (Snowridge, no MPX)\t27\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Snowridge-v1\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (SnowRidge)\t27\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Snowridge\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (SnowRidge)\t27\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Skylake-Server-v5\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-v4\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-v3\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-v2\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Skylake-Server-v1\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Skylake-Server-noTSX-IBRS\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t\
            2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,\
            pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,\
            lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-IBRS\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Skylake-Server\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Skylake-Client-v4\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Skylake-Client-v3\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Skylake-Client-v2\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Skylake-Client-v1\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            Skylake-Client-noTSX-IBRS\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS, no TSX)\t13\t\
            2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,\
            pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Client-IBRS\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Skylake-Client\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            SandyBridge-v2\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge, IBRS update)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,sse4.1,sse4.2,popcnt,aes,xsave,avx,hypervisor,nx,rdtscp,lahf-lm
            SandyBridge-v1\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,xsave,avx,hypervisor,nx,rdtscp,lahf-lm
            SandyBridge-IBRS\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge, IBRS update)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,sse4.1,sse4.2,popcnt,aes,xsave,avx,hypervisor,nx,rdtscp,lahf-lm
            SandyBridge\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,hypervisor,nx,rdtscp,lahf-lm
            Penryn-v1\t6\t23\t3\tGenuineIntel\tIntel Core 2 Duo P9xxx (Penryn Class Core 2)\t10\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,hypervisor,nx,lahf-lm
            Penryn\t6\t23\t3\tGenuineIntel\tIntel Core 2 Duo P9xxx (Penryn Class Core 2)\t10\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            hypervisor,nx,lahf-lm
            Opteron_G5-v1\t21\t2\t0\tAuthenticAMD\tAMD Opteron 63xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,f16c,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm
            Opteron_G5\t21\t2\t0\tAuthenticAMD\tAMD Opteron 63xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,f16c,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm
            Opteron_G4-v1\t21\t1\t2\tAuthenticAMD\tAMD Opteron 62xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm
            Opteron_G4\t21\t1\t2\tAuthenticAMD\tAMD Opteron 62xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm
            Opteron_G3-v1\t16\t2\t3\tAuthenticAMD\tAMD Opteron 23xx (Gen 3 Class Opteron)\t5\t2147483658\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,\
            hypervisor,nx,rdtscp,lahf-lm,svm
            Opteron_G3\t16\t2\t3\tAuthenticAMD\tAMD Opteron 23xx (Gen 3 Class Opteron)\t5\t2147483658\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,hypervisor,\
            nx,rdtscp,lahf-lm,svm
            Opteron_G2-v1\t15\t6\t1\tAuthenticAMD\tAMD Opteron 22xx (Gen 2 Class Opteron)\t5\t2147483658\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,nx,\
            lahf-lm,svm
            Opteron_G2\t15\t6\t1\tAuthenticAMD\tAMD Opteron 22xx (Gen 2 Class Opteron)\t5\t2147483658\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,nx,\
            lahf-lm,svm
            Opteron_G1-v1\t15\t6\t1\tAuthenticAMD\tAMD Opteron 240 (Gen 1 Class Opteron)\t5\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,nx
            Opteron_G1\t15\t6\t1\tAuthenticAMD\tAMD Opteron 240 (Gen 1 Class Opteron)\t5\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,nx
            Nehalem-v2\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Core i7, IBRS update)\t11\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,hypervisor,nx,lahf-lm
            Nehalem-v1\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Class Core i7)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,hypervisor,nx,lahf-lm
            Nehalem-IBRS\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Core i7, IBRS update)\t11\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,sse4.1,sse4.2,popcnt,hypervisor,nx,lahf-lm
            Nehalem\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Class Core i7)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,hypervisor,nx,lahf-lm
            KnightsMill-v1\t6\t133\t0\tGenuineIntel\tIntel Xeon Phi Processor (Knights Mill)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            KnightsMill\t6\t133\t0\tGenuineIntel\tIntel Xeon Phi Processor (Knights Mill)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            IvyBridge-v2\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,smep,erms,fsgsbase
            IvyBridge-v1\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,smep,erms,fsgsbase
            IvyBridge-IBRS\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,smep,erms,fsgsbase
            IvyBridge\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,smep,erms,fsgsbase
            Icelake-Server-v6\t6\t106\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Icelake-Server-v5\t6\t106\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Icelake-Server-v4\t6\t106\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Icelake-Server-v3\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Icelake-Server-v2\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Icelake-Server-v1\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Icelake-Server-noTSX\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Icelake-Server\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Haswell-v4\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Haswell-v3\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell, IBRS)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            Haswell-v2\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Haswell-v1\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            Haswell-noTSX-IBRS\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX, IBRS)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Haswell-noTSX\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Haswell-IBRS\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell, IBRS)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Haswell\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell)\t13\t2147483656\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            EPYC-v3\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,\
            sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,\
            aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            EPYC-v2\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor (with IBPB)\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            EPYC-v1\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,\
            sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,\
            aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            EPYC-Rome-v2\t23\t49\t0\tAuthenticAMD\tAMD EPYC-Rome Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            EPYC-Rome-v1\t23\t49\t0\tAuthenticAMD\tAMD EPYC-Rome Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            EPYC-Rome\t23\t49\t0\tAuthenticAMD\tAMD EPYC-Rome Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            EPYC-Milan-v1\t25\t1\t1\tAuthenticAMD\tAMD EPYC-Milan Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            EPYC-Milan\t25\t1\t1\tAuthenticAMD\tAMD EPYC-Milan Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            EPYC-IBPB\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor (with IBPB)\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            EPYC\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,\
            mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,\
            xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            Dhyana-v2\t24\t0\t1\tHygonGenuine\tHygon Dhyana Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            Dhyana-v1\t24\t0\t1\tHygonGenuine\tHygon Dhyana Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            Dhyana\t24\t0\t1\tHygonGenuine\tHygon Dhyana Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            Denverton-v3\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Denverton-v2\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Denverton-v1\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Denverton\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,smep,erms,fsgsbase
            Cooperlake-v2\t6\t85\t10\tGenuineIntel\tIntel Xeon Processor (Cooperlake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Cooperlake-v1\t6\t85\t10\tGenuineIntel\tIntel Xeon Processor (Cooperlake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Cooperlake\t6\t85\t10\tGenuineIntel\tIntel Xeon Processor (Cooperlake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Conroe-v1\t6\t15\t3\tGenuineIntel\tIntel Celeron_4x0 (Conroe/Merom Class Core 2)\t10\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            hypervisor,nx,lahf-lm
            Conroe\t6\t15\t3\tGenuineIntel\tIntel Celeron_4x0 (Conroe/Merom Class Core 2)\t10\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,hypervisor,\
            nx,lahf-lm
            Cascadelake-Server-v5\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Cascadelake-Server-v4\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Cascadelake-Server-v3\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Cascadelake-Server-v2\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Cascadelake-Server-v1\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Cascadelake-Server-noTSX\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,\
            cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Cascadelake-Server\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,pdpe1gb,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Broadwell-v4\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX, IBRS)\t13\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,\
            cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            Broadwell-v3\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, IBRS)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Broadwell-v2\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Broadwell-v1\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            Broadwell-noTSX-IBRS\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX, IBRS)\t13\t\
            2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,\
            pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Broadwell-noTSX\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Broadwell-IBRS\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Broadwell\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,nx,rdtscp,lahf-lm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            486-v1\t4\t8\t0\tGenuineIntel\t-\t1\t0\tfpu,pse,hypervisor
            486\t4\t8\t0\tGenuineIntel\t-\t1\t0\tfpu,pse,hypervisor
            """;

    private static final String X86_MODELS_X86_64 = """
            # The x86 CPU models' QOM property values as Debian's qemu-system-x86_64 7.2 reports them (qom-get on
            # -machine none -cpu MODEL,apic-id=0 under -accel tcg): model, family, model, stepping, vendor, model-id \
            (- for
            # empty), level, xlevel, the feature flags that are on (of the list below; - for none)
            # flags: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse \
            sse2 ht pni ssse3 fma cx16 sse4.1 sse4.2 x2apic movbe popcnt aes xsave avx f16c rdrand hypervisor syscall \
            nx pdpe1gb rdtscp lm lahf-lm svm vmx avx2 bmi1 bmi2 smep erms fsgsbase
            max\t15\t107\t1\tAuthenticAMD\tQEMU TCG CPU version 2.5+\t13\t2147483658\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            base\t0\t0\t0\t\t-\t0\t0\t-
            qemu64-v1\t15\t107\t1\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t13\t2147483658\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,syscall,nx,\
            lm,lahf-lm,svm
            qemu64\t15\t107\t1\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t13\t2147483658\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,syscall,nx,lm,\
            lahf-lm,svm
            qemu32-v1\t6\t6\t3\tGenuineIntel\tQEMU Virtual CPU version 2.5+\t4\t2147483652\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,pge,cmov,pat,mmx,fxsr,sse,sse2,pni,hypervisor
            qemu32\t6\t6\t3\tGenuineIntel\tQEMU Virtual CPU version 2.5+\t4\t2147483652\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,pge,cmov,pat,mmx,fxsr,sse,sse2,pni,hypervisor
            phenom-v1\t16\t2\t3\tAuthenticAMD\tAMD Phenom(tm) 9550 Quad-Core Processor\t5\t2147483674\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,hypervisor,\
            syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm
            phenom\t16\t2\t3\tAuthenticAMD\tAMD Phenom(tm) 9550 Quad-Core Processor\t5\t2147483674\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,hypervisor,\
            syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm
            pentium3-v1\t6\t7\t3\tGenuineIntel\t-\t3\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,\
            pat,pse36,mmx,fxsr,sse,hypervisor
            pentium3\t6\t7\t3\tGenuineIntel\t-\t3\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,\
            pse36,mmx,fxsr,sse,hypervisor
            pentium2-v1\t6\t5\t2\tGenuineIntel\t-\t2\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,\
            pat,pse36,mmx,fxsr,hypervisor
            pentium2\t6\t5\t2\tGenuineIntel\t-\t2\t0\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,\
            pse36,mmx,fxsr,hypervisor
            pentium-v1\t5\t4\t3\tGenuineIntel\t-\t1\t0\tfpu,de,pse,tsc,msr,mce,cx8,apic,mmx,hypervisor
            pentium\t5\t4\t3\tGenuineIntel\t-\t1\t0\tfpu,de,pse,tsc,msr,mce,cx8,apic,mmx,hypervisor
            n270-v1\t6\t28\t2\tGenuineIntel\tIntel(R) Atom(TM) CPU N270   @ 1.60GHz\t10\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,ssse3,movbe,hypervisor,nx,\
            lahf-lm
            n270\t6\t28\t2\tGenuineIntel\tIntel(R) Atom(TM) CPU N270   @ 1.60GHz\t10\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,ssse3,movbe,hypervisor,nx,lahf-lm
            kvm64-v1\t15\t6\t1\tGenuineIntel\tCommon KVM processor\t13\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,syscall,nx,lm
            kvm64\t15\t6\t1\tGenuineIntel\tCommon KVM processor\t13\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,\
            sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,syscall,nx,lm
            kvm32-v1\t15\t6\t1\tGenuineIntel\tCommon 32-bit KVM processor\t5\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor
            kvm32\t15\t6\t1\tGenuineIntel\tCommon 32-bit KVM processor\t5\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor
            coreduo-v1\t6\t14\t8\tGenuineIntel\tGenuine Intel(R) CPU           T2600  @ 2.16GHz\t10\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,nx
            coreduo\t6\t14\t8\tGenuineIntel\tGenuine Intel(R) CPU           T2600  @ 2.16GHz\t10\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,nx
            core2duo-v1\t6\t15\t11\tGenuineIntel\tIntel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz\t10\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,hypervisor,syscall,nx,lm,lahf-lm
            core2duo\t6\t15\t11\tGenuineIntel\tIntel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz\t10\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            hypervisor,syscall,nx,lm,lahf-lm
            athlon-v1\t6\t2\t3\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t2\t2147483656\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,mmx,fxsr,sse,sse2,hypervisor
            athlon\t6\t2\t3\tAuthenticAMD\tQEMU Virtual CPU version 2.5+\t2\t2147483656\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,mmx,fxsr,sse,sse2,hypervisor
            Westmere-v2\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (IBRS update)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,hypervisor,syscall,nx,lm,lahf-lm
            Westmere-v1\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (Nehalem-C)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,hypervisor,syscall,nx,lm,lahf-lm
            Westmere-IBRS\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (IBRS update)\t11\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,aes,hypervisor,syscall,nx,lm,lahf-lm
            Westmere\t6\t44\t1\tGenuineIntel\tWestmere E56xx/L56xx/X56xx (Nehalem-C)\t11\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,hypervisor,syscall,nx,lm,lahf-lm
            Snowridge-v4\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (Snowridge, no MPX)\t27\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,\
            fsgsbase
            Snowridge-v3\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (Snowridge, no MPX)\t27\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,\
            fsgsbase
            Snowridge-v2\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (Snowridge, no MPX)\t27\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,\
            fsgsbase
            Snowridge-v1\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (SnowRidge)\t27\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            Snowridge\t6\t134\t1\tGenuineIntel\tIntel Atom Processor (SnowRidge)\t27\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            Skylake-Server-v5\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,\
            lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-v4\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,\
            lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-v3\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,\
            lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-v2\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-v1\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Skylake-Server-noTSX-IBRS\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS, no TSX)\t13\t\
            2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,\
            pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,\
            rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server-IBRS\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Server\t6\t85\t4\tGenuineIntel\tIntel Xeon Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Skylake-Client-v4\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,\
            avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Client-v3\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS, no TSX)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,\
            avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Client-v2\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Skylake-Client-v1\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Skylake-Client-noTSX-IBRS\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS, no TSX)\t13\t\
            2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,\
            pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,\
            lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            Skylake-Client-IBRS\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Skylake-Client\t6\t94\t3\tGenuineIntel\tIntel Core Processor (Skylake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            SandyBridge-v2\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge, IBRS update)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,sse4.1,sse4.2,popcnt,aes,xsave,avx,hypervisor,syscall,nx,rdtscp,lm,lahf-lm
            SandyBridge-v1\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,xsave,avx,hypervisor,syscall,nx,rdtscp,lm,lahf-lm
            SandyBridge-IBRS\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge, IBRS update)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,sse4.1,sse4.2,popcnt,aes,xsave,avx,hypervisor,syscall,nx,rdtscp,lm,lahf-lm
            SandyBridge\t6\t42\t1\tGenuineIntel\tIntel Xeon E312xx (Sandy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,hypervisor,syscall,nx,rdtscp,lm,lahf-lm
            Penryn-v1\t6\t23\t3\tGenuineIntel\tIntel Core 2 Duo P9xxx (Penryn Class Core 2)\t10\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,hypervisor,syscall,nx,lm,lahf-lm
            Penryn\t6\t23\t3\tGenuineIntel\tIntel Core 2 Duo P9xxx (Penryn Class Core 2)\t10\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            hypervisor,syscall,nx,lm,lahf-lm
            Opteron_G5-v1\t21\t2\t0\tAuthenticAMD\tAMD Opteron 63xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,f16c,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm
            Opteron_G5\t21\t2\t0\tAuthenticAMD\tAMD Opteron 63xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,f16c,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm
            Opteron_G4-v1\t21\t1\t2\tAuthenticAMD\tAMD Opteron 62xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm
            Opteron_G4\t21\t1\t2\tAuthenticAMD\tAMD Opteron 62xx class CPU\t13\t2147483674\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm
            Opteron_G3-v1\t16\t2\t3\tAuthenticAMD\tAMD Opteron 23xx (Gen 3 Class Opteron)\t5\t2147483658\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,\
            hypervisor,syscall,nx,rdtscp,lm,lahf-lm,svm
            Opteron_G3\t16\t2\t3\tAuthenticAMD\tAMD Opteron 23xx (Gen 3 Class Opteron)\t5\t2147483658\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,popcnt,hypervisor,\
            syscall,nx,rdtscp,lm,lahf-lm,svm
            Opteron_G2-v1\t15\t6\t1\tAuthenticAMD\tAMD Opteron 22xx (Gen 2 Class Opteron)\t5\t2147483658\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,\
            syscall,nx,lm,lahf-lm,svm
            Opteron_G2\t15\t6\t1\tAuthenticAMD\tAMD Opteron 22xx (Gen 2 Class Opteron)\t5\t2147483658\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,cx16,hypervisor,\
            syscall,nx,lm,lahf-lm,svm
            Opteron_G1-v1\t15\t6\t1\tAuthenticAMD\tAMD Opteron 240 (Gen 1 Class Opteron)\t5\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,syscall,\
            nx,lm
            Opteron_G1\t15\t6\t1\tAuthenticAMD\tAMD Opteron 240 (Gen 1 Class Opteron)\t5\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,hypervisor,syscall,nx,lm
            Nehalem-v2\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Core i7, IBRS update)\t11\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,hypervisor,syscall,nx,lm,lahf-lm
            Nehalem-v1\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Class Core i7)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,hypervisor,syscall,nx,lm,lahf-lm
            Nehalem-IBRS\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Core i7, IBRS update)\t11\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            cx16,sse4.1,sse4.2,popcnt,hypervisor,syscall,nx,lm,lahf-lm
            Nehalem\t6\t26\t3\tGenuineIntel\tIntel Core i7 9xx (Nehalem Class Core i7)\t11\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,hypervisor,syscall,nx,lm,lahf-lm
            KnightsMill-v1\t6\t133\t0\tGenuineIntel\tIntel Xeon Phi Processor (Knights Mill)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            KnightsMill\t6\t133\t0\tGenuineIntel\tIntel Xeon Phi Processor (Knights Mill)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            IvyBridge-v2\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            IvyBridge-v1\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            IvyBridge-IBRS\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,\
            sse4.1,sse4.2,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            IvyBridge\t6\t58\t9\tGenuineIntel\tIntel Xeon E3-12xx v2 (Ivy Bridge)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            Icelake-Server-v6\t6\t106\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Icelake-Server-v5\t6\t106\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Icelake-Server-v4\t6\t106\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Icelake-Server-v3\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Icelake-Server-v2\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Icelake-Server-v1\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Icelake-Server-noTSX\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Icelake-Server\t6\t134\t0\tGenuineIntel\tIntel Xeon Processor (Icelake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Haswell-v4\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Haswell-v3\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell, IBRS)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Haswell-v2\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Haswell-v1\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Haswell-noTSX-IBRS\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX, IBRS)\t13\t2147483656\t\
            fpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,\
            avx2,bmi1,bmi2,smep,erms,fsgsbase
            Haswell-noTSX\t6\t60\t1\tGenuineIntel\tIntel Core Processor (Haswell, no TSX)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Haswell-IBRS\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell, IBRS)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Haswell\t6\t60\t4\tGenuineIntel\tIntel Core Processor (Haswell)\t13\t2147483656\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,erms,\
            fsgsbase
            EPYC-v3\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,\
            sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,\
            aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            EPYC-v2\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor (with IBPB)\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,\
            smep,fsgsbase
            EPYC-v1\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,\
            sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,\
            aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            EPYC-Rome-v2\t23\t49\t0\tAuthenticAMD\tAMD EPYC-Rome Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,\
            smep,fsgsbase
            EPYC-Rome-v1\t23\t49\t0\tAuthenticAMD\tAMD EPYC-Rome Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,\
            smep,fsgsbase
            EPYC-Rome\t23\t49\t0\tAuthenticAMD\tAMD EPYC-Rome Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            EPYC-Milan-v1\t25\t1\t1\tAuthenticAMD\tAMD EPYC-Milan Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,\
            smep,erms,fsgsbase
            EPYC-Milan\t25\t1\t1\tAuthenticAMD\tAMD EPYC-Milan Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,\
            cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            EPYC-IBPB\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor (with IBPB)\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,\
            mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,\
            smep,fsgsbase
            EPYC\t23\t1\t2\tAuthenticAMD\tAMD EPYC Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,\
            mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,\
            xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,fsgsbase
            Dhyana-v2\t24\t0\t1\tHygonGenuine\tHygon Dhyana Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            Dhyana-v1\t24\t0\t1\tHygonGenuine\tHygon Dhyana Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            Dhyana\t24\t0\t1\tHygonGenuine\tHygon Dhyana Processor\t13\t2147483678\tfpu,de,pse,tsc,msr,pae,mce,cx8,\
            apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,\
            popcnt,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,svm,avx2,bmi1,bmi2,smep,\
            fsgsbase
            Denverton-v3\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            Denverton-v2\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            Denverton-v1\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            Denverton\t6\t95\t1\tGenuineIntel\tIntel Atom Processor (Denverton)\t21\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,cx16,sse4.1,sse4.2,\
            movbe,popcnt,aes,xsave,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,smep,erms,fsgsbase
            Cooperlake-v2\t6\t85\t10\tGenuineIntel\tIntel Xeon Processor (Cooperlake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Cooperlake-v1\t6\t85\t10\tGenuineIntel\tIntel Xeon Processor (Cooperlake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Cooperlake\t6\t85\t10\tGenuineIntel\tIntel Xeon Processor (Cooperlake)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Conroe-v1\t6\t15\t3\tGenuineIntel\tIntel Celeron_4x0 (Conroe/Merom Class Core 2)\t10\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,\
            hypervisor,syscall,nx,lm,lahf-lm
            Conroe\t6\t15\t3\tGenuineIntel\tIntel Celeron_4x0 (Conroe/Merom Class Core 2)\t10\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,hypervisor,\
            syscall,nx,lm,lahf-lm
            Cascadelake-Server-v5\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Cascadelake-Server-v4\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Cascadelake-Server-v3\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Cascadelake-Server-v2\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Cascadelake-Server-v1\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Cascadelake-Server-noTSX\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,\
            cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,\
            avx2,bmi1,bmi2,smep,erms,fsgsbase
            Cascadelake-Server\t6\t85\t6\tGenuineIntel\tIntel Xeon Processor (Cascadelake)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,pdpe1gb,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Broadwell-v4\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX, IBRS)\t13\t2147483656\tfpu,\
            de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,\
            cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,\
            bmi1,bmi2,smep,erms,fsgsbase
            Broadwell-v3\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, IBRS)\t13\t2147483656\tfpu,de,pse,\
            tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Broadwell-v2\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Broadwell-v1\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell)\t13\t2147483656\tfpu,de,pse,tsc,\
            msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            Broadwell-noTSX-IBRS\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX, IBRS)\t13\t\
            2147483656\tfpu,de,pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,\
            pni,ssse3,fma,cx16,sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,\
            lahf-lm,avx2,bmi1,bmi2,smep,erms,fsgsbase
            Broadwell-noTSX\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, no TSX)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Broadwell-IBRS\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell, IBRS)\t13\t2147483656\tfpu,de,\
            pse,tsc,msr,pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,\
            sse4.1,sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,\
            bmi2,smep,erms,fsgsbase
            Broadwell\t6\t61\t2\tGenuineIntel\tIntel Core Processor (Broadwell)\t13\t2147483656\tfpu,de,pse,tsc,msr,\
            pae,mce,cx8,apic,sep,mtrr,pge,mca,cmov,pat,pse36,clflush,mmx,fxsr,sse,sse2,pni,ssse3,fma,cx16,sse4.1,\
            sse4.2,movbe,popcnt,aes,xsave,avx,f16c,rdrand,hypervisor,syscall,nx,rdtscp,lm,lahf-lm,avx2,bmi1,bmi2,smep,\
            erms,fsgsbase
            486-v1\t4\t8\t0\tGenuineIntel\t-\t1\t0\tfpu,pse,hypervisor
            486\t4\t8\t0\tGenuineIntel\t-\t1\t0\tfpu,pse,hypervisor
            """;
}
