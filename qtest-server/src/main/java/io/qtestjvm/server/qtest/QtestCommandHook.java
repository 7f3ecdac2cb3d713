package io.qtestjvm.server.qtest;

/**
 * Board-specific qtest commands (QEMU's {@code qtest_set_command_cb}, used by sPAPR for {@code rtas}). Returns
 * the reply line without its newline, or null when the command is not one of the hook's.
 */
@FunctionalInterface
public interface QtestCommandHook {
    String handle(String[] words);
}
