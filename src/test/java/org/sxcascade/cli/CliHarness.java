package org.sxcascade.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and captures its streams. */
record CliHarness(int exitCode, String out, String err) {
    static CliHarness run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SxCascade.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliHarness(code, out.toString(), err.toString());
    }
}
