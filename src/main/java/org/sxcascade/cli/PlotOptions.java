package org.sxcascade.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sxcascade.chart.ChartFormat;
import org.sxcascade.chart.ChartWriter;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.InvalidInputException;
import picocli.CommandLine.Option;

/** {@code --plot DIR}, {@code --format png|svg} and {@code --plot-size WxH}, shared by the commands that draw charts. */
final class PlotOptions {
    @Option(names = "--plot", paramLabel = "DIR",
            description = "Also draw the charts into DIR (created if missing); file names start with the input file's name (the case file, or the data file of fit).")
    Path dir;

    @Option(names = "--format", paramLabel = "png|svg",
            description = "Chart file format with --plot: png (default) or svg.")
    String format;

    @Option(names = "--plot-size", paramLabel = "WxH",
            description = "Chart size with --plot, pixels (PNG) or SVG units; default 900x600.")
    String size;

    private ChartFormat chartFormat = ChartFormat.PNG;
    private int width = ChartWriter.DEFAULT_WIDTH;
    private int height = ChartWriter.DEFAULT_HEIGHT;

    /** Whether charts were asked for. */
    boolean wanted() {
        return dir != null;
    }

    /** Checks the options before anything runs (a bad value is exit code 2, with nothing written). */
    void check() {
        if (dir == null) {
            if (format != null) {
                throw new InvalidInputException("--format", format, "only together with --plot DIR");
            }
            if (size != null) {
                throw new InvalidInputException("--plot-size", size, "only together with --plot DIR");
            }
            return;
        }
        if (dir.toString().isBlank()) {
            throw new InvalidInputException("--plot", "(empty)", "a directory name");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException("--plot", dir, "a directory (this is a file)");
        }
        // the directory is made only when the charts are written; check now that it can be
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new InvalidInputException("--plot", dir, "a directory that can be created or written ("
                    + (existing == null ? "no existing parent" : existing + " is not a writable directory") + ")");
        }
        try { // the permissions do not tell it all (a read-only file system, root): try
            Files.delete(Files.createTempFile(existing, ".sxcascade-", ".tmp"));
        } catch (IOException e) {
            throw new InvalidInputException("--plot", dir, "a directory that can be created or written ("
                    + existing + ": " + OutputFiles.reason(e) + ")");
        }
        if (format != null) {
            chartFormat = ChartFormat.parse("--format", format);
        }
        if (size != null) {
            String[] parts = size.strip().toLowerCase(java.util.Locale.ROOT).split("[x×]");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                width = Integer.parseInt(parts[0].strip());
                height = Integer.parseInt(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--plot-size", size, "WIDTHxHEIGHT in pixels, e.g. 900x600");
            }
            ChartWriter.checkSize("--plot-size", width, height);
        }
    }

    /**
     * Writes the charts when {@code --plot} was given (the charts are only drawn then).
     *
     * @param input the command's input file (never overwritten)
     * @return the files written, none without {@code --plot}
     */
    List<Path> writeIfWanted(java.util.function.Supplier<List<NamedChart>> charts, Path input) throws IOException {
        return wanted() ? write(charts.get(), input) : List.of();
    }

    /**
     * Says which chart files were written: after the report on standard output, or on standard
     * error when standard output carries JSON. Nothing without {@code --plot}.
     */
    void announce(List<Path> files, boolean json, picocli.CommandLine.Model.CommandSpec spec) {
        if (!wanted()) {
            return;
        }
        java.io.PrintWriter w = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        if (!json) {
            w.println();
        }
        w.println(summary(files));
        w.flush();
    }

    /**
     * Writes the charts, each file whole or not at all.
     *
     * @param input the command's input file (never overwritten)
     * @return the files written
     */
    List<Path> write(List<NamedChart> charts, Path input) throws IOException {
        // every chart is drawn before any file is written
        List<byte[]> drawn = new ArrayList<>();
        for (NamedChart c : charts) {
            drawn.add(chartFormat == ChartFormat.PNG ? ChartWriter.png(c.chart(), width, height)
                    : ChartWriter.svg(c.chart(), width, height).getBytes(StandardCharsets.UTF_8));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("--plot", dir, "a directory that can be created (" + e.getMessage() + ")");
        }
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < charts.size(); i++) {
            Path file = dir.resolve(charts.get(i).fileStem() + "." + chartFormat.extension());
            OutputFiles.write("--plot", file, input, drawn.get(i));
            written.add(file);
        }
        return written;
    }

    /**
     * A progress callback (done, total) that shows a bar on an interactive terminal once the work
     * takes more than a second (a stage-count chart of a long cascade needs hundreds of steady
     * states); it does nothing elsewhere.
     */
    static java.util.function.BiConsumer<Integer, Integer> progress(String label) {
        if (System.console() == null) {
            return (done, total) -> { };
        }
        DelayedBar[] bar = new DelayedBar[1];
        return (done, total) -> {
            if (bar[0] == null) {
                bar[0] = new DelayedBar(label);
            }
            if (bar[0].due()) {
                bar[0].show((double) done / total, done + " of " + total + " steady states");
            }
            if (done.equals(total)) {
                bar[0].close();
                bar[0] = null;
            }
        };
    }

    /** One line naming the files, for the terminal. */
    static String summary(List<Path> files) {
        if (files.isEmpty()) {
            return "No charts written.";
        }
        StringBuilder b = new StringBuilder("Charts written to ").append(files.get(0).getParent()).append(':');
        for (Path f : files) {
            b.append(' ').append(f.getFileName());
        }
        return b.toString();
    }
}
