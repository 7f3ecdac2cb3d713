package io.qtestjvm.smmuv3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qtestjvm.smmuv3.queue.SmmuInterrupts;
import io.qtestjvm.smmuv3.spec.CommandLayout;
import io.qtestjvm.smmuv3.spec.EventLayout;
import io.qtestjvm.smmuv3.spec.EventType;
import io.qtestjvm.smmuv3.spec.Field;
import io.qtestjvm.smmuv3.spec.Opcode;
import io.qtestjvm.smmuv3.spec.Registers;
import io.qtestjvm.smmuv3.spec.SmmuModel;
import io.qtestjvm.smmuv3.spec.Structure;
import io.qtestjvm.smmuv3.walk.Access;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Command queue (IHI 0070 4, 7.1) and event queue (7.2) behaviour over the register page. */
class QueuesTest {
    final SmmuFixture f = new SmmuFixture(SmmuModel.QEMU_NESTED).enable();

    private int consErr() {
        return (int) Field.get(f.r32(Registers.CMDQ_CONS), Registers.CMDQ_CONS_ERR);
    }

    @Test
    void cmdSyncWithSigIrqPulsesTheCmdSyncLineAndAdvancesCons() {
        f.command(SmmuFixture.cmd(Opcode.SYNC).set(CommandLayout.SYNC_CS, CommandLayout.CS_SIG_IRQ));
        f.command(SmmuFixture.cmd(Opcode.SYNC).set(CommandLayout.SYNC_CS, CommandLayout.CS_SIG_SEV));
        assertEquals(List.of(SmmuInterrupts.CMD_SYNC), f.pulses);
        assertEquals(2, f.r32(Registers.CMDQ_CONS));
        assertEquals(2, f.smmu.programming().commands().syncs());
    }

    @Test
    void cmdSyncWritesItsMsiWhenTheModelHasMsis() {
        SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_NESTED.withIdr0(SmmuModel.QEMU_NESTED.idr(0) | 1 << 13))
                .enable();
        long msi = SmmuFixture.RAM + 0x20_0000;
        g.command(SmmuFixture.cmd(Opcode.SYNC).set(CommandLayout.SYNC_CS, CommandLayout.CS_SIG_IRQ)
                .set(CommandLayout.SYNC_MSIDATA, 0xcafe).set(CommandLayout.SYNC_MSIADDRESS, msi >>> 2));
        assertEquals(0xcafe, g.memory.peek64(msi));
        assertTrue(g.pulses.isEmpty());
        g.command(SmmuFixture.cmd(Opcode.SYNC).set(CommandLayout.SYNC_CS, CommandLayout.CS_SIG_IRQ)
                .set(CommandLayout.SYNC_MSIADDRESS, 0x7000_0000L >>> 2));
        assertEquals(1 << 4, g.r32(Registers.GERROR), "MSI_CMDQ_ABT_ERR");
    }

    @Test
    void illegalCommandStopsTheQueueWithCerrorIllUntilGerrornAcknowledges() {
        f.w32(Registers.IRQ_CTRL, 1);
        f.command(SmmuFixture.cmd(Opcode.SYNC));
        f.command(SmmuFixture.cmd(0x7f));
        f.command(SmmuFixture.cmd(Opcode.SYNC).set(CommandLayout.SYNC_CS, CommandLayout.CS_SIG_IRQ));
        assertEquals(1, f.r32(Registers.CMDQ_CONS) & 0xff, "CONS stays on the illegal command");
        assertEquals(Registers.CERROR_ILL, consErr());
        assertEquals(1, f.r32(Registers.GERROR));
        assertEquals(List.of(SmmuInterrupts.GERROR), f.pulses);
        // Fix the command in memory and acknowledge: the queue resumes from the same entry.
        SmmuFixture.cmd(Opcode.SYNC).store(f.memory, SmmuFixture.CMDQ + 16);
        f.w32(Registers.GERRORN, 1);
        assertEquals(3, f.r32(Registers.CMDQ_CONS));
        assertEquals(List.of(SmmuInterrupts.GERROR, SmmuInterrupts.CMD_SYNC), f.pulses);
    }

    @Test
    void secureCfgiOnTheNonSecureQueueIsIllegalAndStage2TlbiOnStage1OnlyIsNot() {
        f.command(SmmuFixture.cmd(Opcode.CFGI_STE).set(CommandLayout.SSEC, 1));
        assertEquals(Registers.CERROR_ILL, consErr());
        SmmuFixture g = new SmmuFixture(SmmuModel.QEMU_7_2).enable();
        g.command(SmmuFixture.cmd(Opcode.TLBI_S2_IPA));
        g.command(SmmuFixture.cmd(Opcode.TLBI_EL2_VA));
        assertEquals(2, g.r32(Registers.CMDQ_CONS));
        assertEquals(0, g.r32(Registers.GERROR));
    }

    @Test
    void commandFetchAbortIsCerrorAbt() {
        f.w64(Registers.CMDQ_BASE, 0x7000_0000L | 4);
        f.w32(Registers.CMDQ_PROD, 1);
        assertEquals(Registers.CERROR_ABT, consErr());
        assertEquals(1, f.r32(Registers.GERROR));
    }

    @Test
    void commandsRunOnlyWithCmdqen() {
        f.w32(Registers.CR0, 0x5);
        f.command(SmmuFixture.cmd(Opcode.SYNC));
        assertEquals(0, f.r32(Registers.CMDQ_CONS));
        f.w32(Registers.CR0, 0xd);
        assertEquals(1, f.r32(Registers.CMDQ_CONS));
    }

    @Test
    void prodRacingPastConsIsBoundedAndWraps() {
        // PROD claims the whole queue plus wrap: every slot is a CMD_SYNC (zeroed memory is opcode 0: illegal).
        for (int i = 0; i < 1 << SmmuFixture.CMDQ_LOG2; i++) {
            SmmuFixture.cmd(Opcode.SYNC).store(f.memory, SmmuFixture.CMDQ + 16L * i);
        }
        f.w32(Registers.CMDQ_PROD, 1 << SmmuFixture.CMDQ_LOG2);
        assertEquals(1 << SmmuFixture.CMDQ_LOG2, f.r32(Registers.CMDQ_CONS), "index 0 with the wrap bit set");
        f.w32(Registers.CMDQ_PROD, 0xffff_ffffL);
        assertEquals(0x7f, f.r32(Registers.CMDQ_CONS) & 0xff);
        assertEquals(0, f.r32(Registers.GERROR));
    }

    private void fault() {
        // SID 1 has an all-zero STE: C_BAD_STE.
        assertEquals(Translator.ABORTED, f.smmu.translate(1, 0x1000, Access.READ));
    }

    @Test
    void eventsAreWrittenWithWrapBitsAndPulseTheEventLineWhenEnabled() {
        f.w32(Registers.IRQ_CTRL, 4);
        int size = 1 << SmmuFixture.EVTQ_LOG2;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < size - 1; i++) {
                fault();
            }
            assertEquals(size - 1, f.drainEvents().size());
        }
        assertEquals(3 * (size - 1), f.pulses.size());
        int prod = (int) f.r32(Registers.EVENTQ_PROD);
        assertEquals((3 * (size - 1)) & (2 * size - 1), prod);
    }

    @Test
    void fullQueueTogglesOvflgOnceAndDropsEventsUntilAcknowledged() {
        int size = 1 << SmmuFixture.EVTQ_LOG2;
        for (int i = 0; i < size; i++) {
            fault();
        }
        assertEquals(size, f.r32(Registers.EVENTQ_PROD), "full: same index, other wrap");
        fault();
        fault();
        assertEquals(size | 1L << 31, f.r32(Registers.EVENTQ_PROD), "OVFLG toggled once");
        List<Structure> events = f.drainEvents();
        assertEquals(size, events.size());
        assertEquals(EventType.C_BAD_STE, events.get(size - 1).get(EventLayout.EVENT_TYPE));
        f.w32(Registers.EVENTQ_CONS, f.r32(Registers.EVENTQ_CONS) | 1L << 31);
        fault();
        assertEquals(1, f.drainEvents().size());
        assertEquals(1L << 31, f.r32(Registers.EVENTQ_PROD) & 1L << 31, "OVFLG kept until the next overflow");
    }

    @Test
    void eventqenOffDiscardsEvents() {
        f.w32(Registers.CR0, 0x9);
        fault();
        assertEquals(0, f.r32(Registers.EVENTQ_PROD));
        assertEquals(1, f.smmu.programming().events().lost());
    }

    @Test
    void eventWriteAbortRaisesEventqAbtErr() {
        f.w64(Registers.EVENTQ_BASE, 0x7000_0000L | 4);
        fault();
        assertEquals(1 << 2, f.r32(Registers.GERROR));
    }
}
