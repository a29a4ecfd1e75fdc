package org.sxcascade.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.sxcascade.Version;
import org.sxcascade.io.OutputFiles;
import org.sxcascade.model.InvalidInputException;

/**
 * A sweep's output files: the CSV (header, then one row per point in point order), optionally
 * JSON Lines, and a small sidecar {@code FILE.sweep.json} that records the spec's hash, the shard,
 * the number of points and the sxcascade version, so that {@code --resume} continues only the
 * same sweep (and warns when another version wrote it).
 *
 * <p>Rows are appended and flushed per batch, so a killed run leaves complete rows and at most
 * one partial last line. Resuming drops that partial line, checks the header and that the rows
 * are exactly the shard's first points in order, and continues with the next point; each file
 * skips the rows it already has.
 */
public final class SweepOutput implements RowSink<SweepOutput.Lines>, AutoCloseable {
    /** Sidecar name suffix. */
    public static final String SIDECAR = ".sweep.json";

    /**
     * A row's text forms.
     *
     * @param ordinal the row's place in the shard
     * @param csv     its CSV line (without line end)
     * @param json    its JSON Lines line, or {@code null} without a JSON Lines file
     */
    public record Lines(long ordinal, String csv, String json) {
    }

    private final RowFormat format;
    private final Shard shard;
    private final Writer csv;
    private final Writer json;
    private final FileChannel csvChannel;
    private final FileChannel jsonChannel;
    private final long csvNext;
    private final long jsonNext;
    private final List<String> warnings;
    private final Path sidecar;
    private final ObjectNode meta;
    private final RowChecksums checksums;
    private int blocksRecorded;

    /** The channels are locked ({@link #lock}) and positioned at their ends. */
    private SweepOutput(RowFormat format, Shard shard, FileChannel csvChannel, FileChannel jsonChannel, long csvNext,
                        long jsonNext, List<String> warnings, Path sidecar, ObjectNode meta, RowChecksums checksums)
            throws IOException {
        this.warnings = List.copyOf(warnings);
        this.sidecar = sidecar;
        this.meta = meta;
        this.checksums = checksums;
        this.blocksRecorded = meta.withArray("blocks").size();
        this.format = format;
        this.shard = shard;
        this.csvNext = csvNext;
        this.jsonNext = jsonNext;
        this.csvChannel = csvChannel.position(csvChannel.size());
        this.csv = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(csvChannel),
                StandardCharsets.UTF_8), 1 << 16);
        if (jsonChannel != null) {
            this.jsonChannel = jsonChannel.position(jsonChannel.size());
            this.json = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(jsonChannel),
                    StandardCharsets.UTF_8), 1 << 16);
        } else {
            this.jsonChannel = null;
            this.json = null;
        }
    }

    /**
     * Opens the output of a run: afresh (files replaced), or, with {@code resume}, continuing what
     * is there (afresh if there is no CSV yet).
     *
     * <p>The CSV and the JSON Lines file are locked (an exclusive {@link FileChannel#tryLock}) before
     * anything is read or written, and stay locked until {@link #close}: a second sweep on the same
     * files, in this or another process, is refused and changes nothing. The CSV's lock also guards
     * its sidecar, which only the lock's holder writes.
     *
     * @param jsonl the JSON Lines file, or {@code null}
     * @throws InvalidInputException for an output that another sweep is writing, that is not a file name, is one of the spec's
     *         {@linkplain SweepSpec#inputs() input files} or the other output; or when the files cannot be resumed (other spec or shard, a
     *         missing sidecar, rows that are not this shard's first points); the message says why
     */
    public static SweepOutput open(SweepSpec spec, Shard shard, Path csvFile, Path jsonl, boolean resume)
            throws IOException {
        RowFormat format = new RowFormat(spec);
        checkTarget("--output", csvFile, spec.inputs());
        Path sidecar = sidecar(csvFile);
        OutputFiles.checkWritable("--output", sidecar, null);
        if (jsonl != null) {
            checkTarget("--jsonl", jsonl, spec.inputs());
            if (sameFile(jsonl, csvFile) || sameFile(jsonl, sidecar)) {
                throw new InvalidInputException("--jsonl", jsonl, "a file other than the CSV output and its sidecar "
                        + sidecar.getFileName());
            }
        }
        boolean csvExisted = Files.exists(csvFile);
        boolean jsonExisted = jsonl != null && Files.exists(jsonl);
        FileChannel csvChannel = lock("--output", csvFile, csvExisted);
        FileChannel jsonChannel = null;
        try {
            jsonChannel = jsonl == null ? null : lock("--jsonl", jsonl, jsonExisted);
            return open(spec, shard, format, csvFile, jsonl, resume && csvExisted, jsonExisted, csvChannel,
                    jsonChannel);
        } catch (IOException | RuntimeException e) {
            csvChannel.close();
            if (jsonChannel != null) {
                jsonChannel.close();
            }
            if (!csvExisted) {
                Files.deleteIfExists(csvFile); // made by this call only
            }
            if (jsonl != null && !jsonExisted && jsonChannel != null) {
                Files.deleteIfExists(jsonl);
            }
            throw e;
        }
    }

    /**
     * Opens a file for reading and writing (made if missing) and takes its exclusive lock, or refuses
     * the file when another sweep holds it (another process, or this one). A file made here is
     * deleted again when its lock is refused.
     */
    private static FileChannel lock(String option, Path file, boolean existed) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // held by this process, e.g. another sweep run in-process
        } catch (IOException e) {
            ch.close();
            throw new InvalidInputException(option, file, "a file that can be locked for writing ("
                    + OutputFiles.reason(e) + ")");
        }
        if (lock == null) {
            ch.close();
            if (!existed) {
                Files.deleteIfExists(file);
            }
            throw new InvalidInputException(option, file, "a file no other sweep is writing: another sxcascade "
                    + "sweep holds its lock (wait for it to end, or write to another file)");
        }
        return ch;
    }

    /** {@link #open(SweepSpec, Shard, Path, Path, boolean)} once the files are locked. */
    private static SweepOutput open(SweepSpec spec, Shard shard, RowFormat format, Path csvFile, Path jsonl,
                                    boolean resume, boolean jsonExisted, FileChannel csvChannel,
                                    FileChannel jsonChannel) throws IOException {
        Path sidecar = sidecar(csvFile);
        long total = shard.count(spec.pointCount());
        ObjectNode meta = new ObjectMapper().createObjectNode();
        meta.put("format", RowFormat.VERSION);
        meta.put("sxcascade", Version.TEXT);
        meta.put("sweep", spec.name());
        meta.put("specHash", spec.hash());
        meta.put("shard", shard.toString());
        meta.put("points", total);
        meta.put("header", format.csvHeader());
        meta.put("rowBlock", RowChecksums.BLOCK);
        meta.putArray("blocks");
        long rowsStart = (format.csvHeader() + "\n").getBytes(StandardCharsets.UTF_8).length;
        if (resume) {
            if (!Files.exists(sidecar)) {
                throw new InvalidInputException("--resume", csvFile, "the output of an earlier run of this sweep, "
                        + "with its " + sidecar.getFileName() + " beside it (it is missing: run without --resume to "
                        + "start afresh)");
            }
            JsonNode old = new ObjectMapper().readTree(Files.readString(sidecar));
            if (!shard.toString().equals(old.path("shard").asText())) {
                throw new InvalidInputException("--shard", shard, "the shard of the run being resumed, "
                        + old.path("shard").asText() + " (" + sidecar.getFileName() + ")");
            }
            if (!spec.hash().equals(old.path("specHash").asText())) {
                throw new InvalidInputException("--resume", csvFile, "the output of the same spec: this one was "
                        + "written by a different spec, base case or row format (" + sidecar.getFileName()
                        + "); run without --resume to start afresh");
            }
            List<String> warnings = new ArrayList<>();
            String writer = old.path("sxcascade").asText("");
            if (!writer.equals(Version.TEXT)) {
                warnings.add(csvFile + " was written by " + (writer.isEmpty() ? "an sxcascade that did not record "
                        + "its version" : writer) + ", this is " + Version.TEXT + ": its rows are kept, and the rows "
                        + "this run adds may differ from what that version would have written");
            }
            long csvNext = repair(csvChannel, csvFile, format.csvHeader(), shard, total, "--output");
            RowChecksums sums = RowChecksums.of(csvChannel, rowsStart);
            verify(sums.blocks(), old.path("blocks"), csvFile, sidecar);
            sums.blocks().forEach(meta.withArray("blocks")::add);
            long jsonNext = 0;
            if (jsonl != null && jsonExisted) {
                jsonNext = repair(jsonChannel, jsonl, null, shard, total, "--jsonl");
            }
            return new SweepOutput(format, shard, csvChannel, jsonChannel, csvNext,
                    jsonl == null ? Long.MAX_VALUE : jsonNext, warnings, sidecar, meta, sums);
        }
        // The old rows go first, the new sidecar last: a kill in between leaves the old sidecar beside
        // emptied files (a resume of the new spec is refused; one of the old spec starts at point 0),
        // never the new sidecar beside the old rows, which a resume of the new spec would accept.
        csvChannel.truncate(0);
        csvChannel.write(ByteBuffer.wrap((format.csvHeader() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        if (jsonChannel != null) {
            jsonChannel.truncate(0);
        }
        OutputFiles.writeAtomically(sidecar, meta.toPrettyString() + "\n");
        return new SweepOutput(format, shard, csvChannel, jsonChannel, 0, jsonl == null ? Long.MAX_VALUE : 0,
                List.of(), sidecar, meta, new RowChecksums());
    }

    /**
     * Refuses rows that are not as this sweep wrote them: the checksum of each whole block of rows
     * the sidecar records must be the file's (a sidecar of a version without checksums records none).
     * Blocks the file has beyond those recorded (a run killed before it recorded them) are taken as
     * they are; their rows are checked by count and last point only, as before.
     */
    private static void verify(List<String> file, JsonNode recorded, Path csvFile, Path sidecar) {
        for (int b = 0; b < Math.min(file.size(), recorded.size()); b++) {
            if (!file.get(b).equals(recorded.get(b).asText())) {
                long first = (long) b * RowChecksums.BLOCK;
                throw new InvalidInputException("--resume", csvFile, String.format(java.util.Locale.ROOT,
                        "rows as this sweep wrote them: a row among lines %d to %d (rows %d to %d after the "
                                + "header) was changed since (its block's checksum in %s differs); run without "
                                + "--resume to start afresh", first + 2, first + RowChecksums.BLOCK + 1, first + 1,
                        first + RowChecksums.BLOCK, sidecar.getFileName()));
            }
        }
    }

    /** The sidecar of a CSV output. */
    public static Path sidecar(Path csvFile) {
        return csvFile.resolveSibling(csvFile.getFileName() + SIDECAR);
    }

    /** The shard's first ordinal this run must evaluate (the earliest either file lacks). */
    public long next() {
        return Math.min(csvNext, jsonNext);
    }

    /**
     * What the caller should tell the user before the run: a resumed file written by another
     * version of sxcascade (resumed all the same; the spec hash covers the spec and the row format).
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Rows already in the CSV before this run. */
    public long resumedRows() {
        return csvNext;
    }

    @Override
    public Lines format(SweepRow row) {
        return new Lines(shard.ordinal(row.point()), format.csvLine(row), json == null ? null : format.jsonLine(row));
    }

    @Override
    public void write(Lines lines) throws IOException {
        if (lines.ordinal() >= csvNext) {
            csv.write(lines.csv());
            csv.write('\n');
            checksums.addRow(lines.csv());
        }
        if (json != null && lines.ordinal() >= jsonNext) {
            json.write(lines.json());
            json.write('\n');
        }
    }

    /** Flushes the rows, then records the checksums of the blocks they completed in the sidecar. */
    @Override
    public void flush() throws IOException {
        csv.flush();
        if (json != null) {
            json.flush();
        }
        List<String> blocks = checksums.blocks();
        if (blocks.size() > blocksRecorded) {
            var recorded = meta.withArray("blocks");
            for (int b = blocksRecorded; b < blocks.size(); b++) {
                recorded.add(blocks.get(b));
            }
            blocksRecorded = blocks.size();
            OutputFiles.writeAtomically(sidecar, meta.toPrettyString() + "\n");
        }
    }

    /** Flushes and forces the files to disk, and closes them. */
    @Override
    public void close() throws IOException {
        try {
            flush();
            csvChannel.force(false);
            if (jsonChannel != null) {
                jsonChannel.force(false);
            }
        } finally {
            csv.close();
            if (json != null) {
                json.close();
            }
        }
    }

    /**
     * Refuses an output that cannot take appended rows: not a file name ({@link OutputFiles#checkTarget}),
     * a sidecar's name, something other than a regular file, or one of the spec's own files.
     */
    private static void checkTarget(String option, Path file, List<Path> inputs) throws IOException {
        if (file.getFileName() != null && file.getFileName().toString().endsWith(SIDECAR)) {
            throw new InvalidInputException(option, file, "a file name that does not end in " + SIDECAR
                    + " (the suffix of the sidecar files that --resume checks)");
        }
        OutputFiles.checkTarget(option, file);
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new InvalidInputException(option, file, "a regular file (rows are appended and resumed)");
        }
        for (Path input : inputs) {
            if (Files.exists(file) && Files.exists(input) && Files.isSameFile(file, input)) {
                throw new InvalidInputException(option, file, "a file other than the spec and its base case");
            }
        }
        OutputFiles.checkWritable(option, file, null);
    }

    /**
     * Whether two paths name the same file: {@link Files#isSameFile} when both exist, else their
     * real parent folders (which {@link OutputFiles#checkTarget} made sure exist) and names.
     */
    static boolean sameFile(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) {
            return Files.isSameFile(a, b);
        }
        return canonical(a).equals(canonical(b));
    }

    private static Path canonical(Path file) throws IOException {
        if (Files.exists(file)) {
            return file.toRealPath();
        }
        Path abs = file.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        return dir != null && Files.isDirectory(dir) ? dir.toRealPath().resolve(abs.getFileName()) : abs;
    }

    /**
     * Repairs a file for appending: drops a partial last line, checks the header (CSV) and that the
     * rows are the shard's ordinals 0 … k − 1 in order (by count and by the last row's point).
     *
     * @param ch     the file, open for reading and writing (and locked); it is not closed
     * @param header the expected header line, or {@code null} for JSON Lines
     * @return k, the next ordinal to write
     */
    static long repair(FileChannel ch, Path file, String header, Shard shard, long total, String option)
            throws IOException {
        long size = ch.size();
        long end = lastNewline(ch, size); // offset after the last '\n', 0 if none
        if (end < size) {
            ch.truncate(end);
            size = end;
        }
        long lines = countLines(ch, size);
        if (header != null) {
            if (lines == 0) { // nothing, or a partial header: start the file again
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((header + "\n").getBytes(StandardCharsets.UTF_8)), 0);
                return 0;
            }
            String first = readLine(ch, 0);
            if (!first.equals(header)) {
                throw new InvalidInputException(option, file, "a file whose header is this spec's: "
                        + header + " (it has: " + first + ")");
            }
            lines--;
        }
        if (lines == 0) {
            return 0;
        }
        String last = readLine(ch, previousLineStart(ch, size - 1));
        long point = leadingPoint(last, header == null);
        long ordinal = shard.contains(point) ? shard.ordinal(point) : -1;
        if (ordinal != lines - 1 || ordinal >= total) {
            throw new InvalidInputException(option, file, "rows that are the shard's first points in order: it "
                    + "has " + lines + " rows, the last of them point " + point + " (start afresh without --resume)");
        }
        return lines;
    }

    private static long leadingPoint(String line, boolean json) {
        String digits;
        if (json) {
            String key = "{\"point\":";
            int comma = line.indexOf(',');
            digits = line.startsWith(key) ? line.substring(key.length(), comma < 0 ? line.length() - 1 : comma) : "";
        } else {
            int comma = line.indexOf(',');
            digits = comma < 0 ? line : line.substring(0, comma);
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long lastNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = size;
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            buf.clear().limit(n);
            ch.read(buf, pos - n);
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return pos - n + i + 1;
                }
            }
            pos -= n;
        }
        return 0;
    }

    /** Start of the line that ends at {@code newlineAt} (the offset of its '\n'). */
    private static long previousLineStart(FileChannel ch, long newlineAt) throws IOException {
        return lastNewline(ch, newlineAt);
    }

    private static long countLines(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long count = 0;
        long pos = 0;
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    count++;
                }
            }
            pos += n;
        }
        return count;
    }

    private static String readLine(FileChannel ch, long start) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 12);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long pos = start;
        while (true) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (b == '\n') {
                    return out.toString(StandardCharsets.UTF_8);
                }
                out.write(b);
            }
            pos += n;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
