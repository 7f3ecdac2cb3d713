package io.qtestjvm.server.monitor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code query-chardev}: the command line's character devices with Debian's QEMU 7.2 labels and filenames (a
 * libqtest-style start: {@code -qtest unix:P -chardev socket,path=P,id=char0 -mon chardev=char0,mode=control});
 * entries in command-line order, where QEMU's order is its hash table's.
 */
class QueryChardevTest {
    @Test
    void listsTheQtestChannelTheMonitorsChardevAndTheUnusedOnes() {
        try (QmpMachine m = QmpMachine.x86("-qtest", "unix:/tmp/q.sock", "-chardev", "socket,path=/tmp/m.sock,id=char0",
                "-mon", "chardev=char0,mode=control", "-machine", "pc", "-chardev", "null,id=c1", "-qmp",
                "unix:/tmp/x.sock,server=on,wait=off", "-serial", "null")) {
            assertEquals("{\"return\": [{\"frontend-open\": true, \"filename\": \"unix:\", \"label\": \"qtest\"}, "
                    + "{\"frontend-open\": true, \"filename\": \"unix:\", \"label\": \"char0\"}, "
                    + "{\"frontend-open\": false, \"filename\": \"null\", \"label\": \"c1\"}, "
                    + "{\"frontend-open\": true, \"filename\": \"unix:/tmp/x.sock,server=on\", \"label\": "
                    + "\"compat_monitor0\"}, {\"frontend-open\": false, \"filename\": \"null\", \"label\": "
                    + "\"serial0\"}]}", m.one("{'execute': 'query-chardev'}"));
        }
    }

    @Test
    void noneWithoutTransportsHasNone() {
        try (QmpMachine m = QmpMachine.x86("-machine", "none")) {
            assertEquals("{\"return\": []}", m.one("{'execute': 'query-chardev'}"));
        }
    }
}
