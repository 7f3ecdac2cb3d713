package io.qtestjvm.qos.tests;

import io.qtestjvm.qos.libqtest.QtestFunctions;

/** Every plain per-arch test file ({@code qtest_add_func} users), one line each. */
public final class PlainTests {
    private PlainTests() {
    }

    public static QtestFunctions forArch(String arch) {
        QtestFunctions reg = new QtestFunctions(arch);
        FwCfgTests.register(reg);
        I440fxTests.register(reg);
        RtasTests.register(reg);
        QmpTests.register(reg);
        QmpCmdTests.register(reg);
        HmpTests.register(reg);
        IommuSmmuv3Tests.register(reg);
        MachineNoneTests.register(reg);
        EndiannessTests.register(reg);
        PowerdownTests.register(reg);
        return reg;
    }
}
