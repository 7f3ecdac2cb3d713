/**
 * libqos for the SMMUv3 (Arm IHI 0070; the VMSAv8-64 translation tables of Arm DDI 0487 D8), from a driver's point
 * of view over qtest: register offsets ({@link io.qtestjvm.qos.libqos.smmu.SmmuRegs}), STE and CD images
 * ({@link io.qtestjvm.qos.libqos.smmu.SmmuSte}, {@link io.qtestjvm.qos.libqos.smmu.SmmuCd}), stream tables
 * ({@link io.qtestjvm.qos.libqos.smmu.SmmuStreamTable}), page tables per granule, stage and start level
 * ({@link io.qtestjvm.qos.libqos.smmu.SmmuPageTable}), the command and event queues
 * ({@link io.qtestjvm.qos.libqos.smmu.SmmuCommandQueue}, {@link io.qtestjvm.qos.libqos.smmu.SmmuEventQueue},
 * {@link io.qtestjvm.qos.libqos.smmu.SmmuEvent}) and a minimal driver ({@link io.qtestjvm.qos.libqos.smmu.QSmmuV3}).
 * Everything is written to guest memory with qtest writes, tables from the guest allocator.
 */
package io.qtestjvm.qos.libqos.smmu;
