package org.sxcascade.sweep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Checksums (CRC-32C) of a sweep CSV's rows in blocks of {@link #BLOCK} rows, as the sidecar
 * records them, so that {@code --resume} finds a row edited anywhere in the file, not only a wrong
 * count or last row. A block's checksum covers its rows' UTF-8 bytes with their line ends; the
 * rows after the last whole block are not yet covered.
 */
final class RowChecksums {
    /** Rows per block. */
    static final int BLOCK = 1000;

    private final List<String> blocks = new ArrayList<>();
    private final CRC32C crc = new CRC32C();
    private int rowsInBlock;
    /** The ASCII head of the row being added, as bytes. */
    private byte[] ascii = new byte[256];

    /** Adds a row written (without its line end); allocates nothing once its buffer fits the rows. */
    void addRow(String line) {
        int n = line.length();
        if (ascii.length < n) {
            ascii = new byte[Math.max(n, 2 * ascii.length)];
        }
        // an ASCII row (numbers, the usual case) goes to the checksum in one block update (an
        // intrinsic), not byte by byte; its UTF-8 bytes are its chars
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                break;
            }
            ascii[i++] = (byte) c;
        }
        crc.update(ascii, 0, i);
        for (; i < n; i++) {
            char c = line.charAt(i);
            if (c < 0x80) {
                crc.update(c);
            } else if (c < 0x800) {
                crc.update(0xC0 | c >> 6);
                crc.update(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < line.length()
                    && Character.isLowSurrogate(line.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, line.charAt(++i));
                crc.update(0xF0 | cp >> 18);
                crc.update(0x80 | cp >> 12 & 0x3F);
                crc.update(0x80 | cp >> 6 & 0x3F);
                crc.update(0x80 | cp & 0x3F);
            } else {
                int u = Character.isSurrogate(c) ? '?' : c; // a lone surrogate is written as '?'
                if (u < 0x80) {
                    crc.update(u);
                } else {
                    crc.update(0xE0 | u >> 12);
                    crc.update(0x80 | u >> 6 & 0x3F);
                    crc.update(0x80 | u & 0x3F);
                }
            }
        }
        endRow();
    }

    private void endRow() {
        crc.update('\n');
        if (++rowsInBlock == BLOCK) {
            blocks.add(String.format("%08x", crc.getValue()));
            crc.reset();
            rowsInBlock = 0;
        }
    }

    /** The checksums of the whole blocks so far, in order. */
    List<String> blocks() {
        return blocks;
    }

    /**
     * The checksums of the rows in a file from {@code start} (after the header) to its end, which
     * is a line end; they go on from there as rows are added.
     */
    static RowChecksums of(FileChannel ch, long start) throws IOException {
        RowChecksums sums = new RowChecksums();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = start;
        long size = ch.size();
        while (pos < size) {
            buf.clear();
            int n = ch.read(buf, pos);
            if (n <= 0) {
                break;
            }
            byte[] a = buf.array();
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    sums.crc.update(a, from, i - from);
                    sums.endRow();
                    from = i + 1;
                }
            }
            sums.crc.update(a, from, n - from);
            pos += n;
        }
        return sums;
    }
}
