package org.sxcascade.io;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sxcascade.model.InvalidInputException;

/**
 * A data CSV read whole (the lab files of {@code sxcascade fit}): the header's columns by name,
 * each data row with the line an editor shows for it, and its cells with the checks and messages
 * of bad data (the file, the line, the column, the value and what is allowed).
 *
 * @param name   the file, as messages name it
 * @param header the header's column names, trimmed, in order
 * @param column each column's index
 * @param rows   the data rows, with their lines
 */
record CsvTable(String name, List<String> header, Map<String, Integer> column, List<Row> rows) {

    /** A data row and the line it starts on (1-based, counting the header and empty lines). */
    record Row(CSVRecord record, int line) {
    }

    /** Reads a UTF-8 file whole. */
    static String text(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new CaseFileException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new CaseFileException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CaseFileException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /**
     * Parses CSV text with a header row; a repeated column is an error.
     *
     * @param what what the file holds, for the message of an empty one (e.g. "a header row and at
     *             least one experiment (docs/fit.md)")
     */
    static CsvTable parse(String name, String text, String what) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.DEFAULT.builder()
                .setIgnoreEmptyLines(true).build())) {
            records = parser.getRecords();
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new CaseFileException(name + ": not a CSV file (" + e.getMessage() + ")");
        }
        if (records.isEmpty()) {
            throw new CaseFileException(name + ": empty; the file needs " + what);
        }
        CSVRecord first = records.get(0);
        List<String> header = new ArrayList<>();
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            String col = first.get(i).trim();
            if (column.put(col, i) != null) {
                throw new InvalidInputException(name + " header, column " + (i + 1), col,
                        "each column once (it is there twice)");
            }
            header.add(col);
        }
        List<Integer> newlines = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                newlines.add(i);
            }
        }
        List<Row> rows = new ArrayList<>(records.size() - 1);
        for (int k = 1; k < records.size(); k++) {
            CSVRecord rec = records.get(k);
            // the line an editor shows: one more than the newlines before the record
            int start = (int) rec.getCharacterPosition();
            while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
                start++; // an empty line skipped before the record
            }
            int before = -Collections.binarySearch(newlines, start) - 1;
            rows.add(new Row(rec, before + 1));
        }
        return new CsvTable(name, List.copyOf(header), Map.copyOf(column), List.copyOf(rows));
    }

    /** The cells of a row, checked to have as many fields as the header. */
    Cells cells(Row row) {
        String where = name + " line " + row.line();
        if (row.record().size() != header.size()) {
            throw new InvalidInputException(where, row.record().size() + " fields",
                    "as many fields as the header has columns (" + header.size() + ")");
        }
        return new Cells(where, row.record(), column);
    }

    /** The cells of one row, with the checks and the messages. */
    record Cells(String where, CSVRecord rec, Map<String, Integer> column) {
        String field(String col) {
            return where + ", column " + col;
        }

        String text(String col) {
            return rec.get(column.get(col)).trim();
        }

        boolean blank(String col) {
            return text(col).isEmpty();
        }

        double positive(String col, String unit) {
            return number(col, 0, Double.POSITIVE_INFINITY, false, "a finite number greater than 0 (" + unit + ")",
                    true);
        }

        double number(String col, double lo, double hi, boolean hiInclusive, String allowed) {
            return number(col, lo, hi, hiInclusive, allowed, false);
        }

        private double number(String col, double lo, double hi, boolean hiInclusive, String allowed,
                              boolean loExclusive) {
            String s = text(col);
            if (s.isEmpty()) {
                throw new InvalidInputException(field(col), "(blank)", allowed);
            }
            double x;
            try {
                x = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field(col), s, allowed);
            }
            boolean ok = Double.isFinite(x) && !s.matches("(?i).*[a-df-z].*") // no NaN, Infinity, hex, 1d
                    && (loExclusive ? x > lo : x >= lo) && (hiInclusive ? x <= hi : x < hi);
            if (!ok) {
                throw new InvalidInputException(field(col), s, allowed);
            }
            return x;
        }
    }
}
