package io.qtestjvm.qos.cmdline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The qtest channel a stand-in started with {@code -qtest tcp:HOST:PORT} opened to the test's server socket. */
final class TcpQtest {
    private TcpQtest() {
    }

    /** Sends {@code command} as the first line on {@code s} and returns the reply line. */
    static String firstReply(Socket s, String command) throws IOException {
        PrintWriter w = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII);
        BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        w.print(command + "\n");
        w.flush();
        return r.readLine();
    }
}
