package org.prune4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads text tables of numbers, one row per line, values separated by spaces or tabs, as the
 * UCI HAR files are ("  1.8085150e-004  1.5191795e-004 ..."). Every row must have the same
 * number of values; a wrong count, a token that is not a finite decimal number, or a blank
 * line inside the table is reported with the file and 1-based line number. Blank lines at
 * the very end are ignored (a trailing newline is not a row).
 */
final class NumberTableReader {
    private NumberTableReader() {}

    /** All values row by row; the number of rows is the length divided by valuesPerRow. */
    static float[] readFloats(Path file, int valuesPerRow) {
        byte[] text = readAll(file);
        int end = endOfContent(text);
        int rows = countLines(text, end);
        float[] out = new float[Math.multiplyExact(rows, valuesPerRow)];
        int pos = 0;
        for (int line = 1; line <= rows; line++) {
            int lineEnd = lineEnd(text, pos, end);
            int count = 0;
            int i = pos;
            while (true) {
                while (i < lineEnd && isBlank(text[i])) i++;
                if (i >= lineEnd) break;
                int start = i;
                while (i < lineEnd && !isBlank(text[i])) i++;
                if (count < valuesPerRow) out[(line - 1) * valuesPerRow + count] = parseFloat(file, line, count + 1, text, start, i);
                count++;
            }
            if (count != valuesPerRow) {
                throw new DatasetFormatException(file, "line " + line + ": expected " + valuesPerRow + " values, got " + count);
            }
            pos = lineEnd + 1;
        }
        return out;
    }

    /** One integer per line. */
    static int[] readInts(Path file) {
        byte[] text = readAll(file);
        int end = endOfContent(text);
        int rows = countLines(text, end);
        int[] out = new int[rows];
        int pos = 0;
        for (int line = 1; line <= rows; line++) {
            int lineEnd = lineEnd(text, pos, end);
            String token = new String(text, pos, lineEnd - pos, java.nio.charset.StandardCharsets.ISO_8859_1).strip();
            try {
                out[line - 1] = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new DatasetFormatException(file, "line " + line + ": expected one integer, got '" + abbreviate(token) + "'");
            }
            pos = lineEnd + 1;
        }
        return out;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetNotFoundException(file, "The file does not exist.");
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read: " + e, e);
        }
    }

    /** Index just past the last non-blank, non-newline byte. */
    private static int endOfContent(byte[] text) {
        int end = text.length;
        while (end > 0 && (isBlank(text[end - 1]) || text[end - 1] == '\n' || text[end - 1] == '\r')) end--;
        return end;
    }

    private static int countLines(byte[] text, int end) {
        if (end == 0) return 0;
        int lines = 1;
        for (int i = 0; i < end; i++) if (text[i] == '\n') lines++;
        return lines;
    }

    /** Index of the line's '\n' (or end); a Windows '\r' before it counts as blank space. */
    private static int lineEnd(byte[] text, int from, int end) {
        int i = from;
        while (i < end && text[i] != '\n') i++;
        return i;
    }

    private static boolean isBlank(byte b) { return b == ' ' || b == '\t' || b == '\r'; }

    private static float parseFloat(Path file, int line, int column, byte[] text, int start, int end) {
        // Float.parseFloat also takes "1f", "0x1p3", "NaN" and "Infinity"; none is a valid value here.
        for (int i = start; i < end; i++) {
            byte b = text[i];
            boolean ok = (b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            if (!ok) throw notANumber(file, line, column, text, start, end);
        }
        try {
            float v = Float.parseFloat(new String(text, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (!Float.isFinite(v)) throw notANumber(file, line, column, text, start, end);
            return v;
        } catch (NumberFormatException e) {
            throw notANumber(file, line, column, text, start, end);
        }
    }

    private static DatasetFormatException notANumber(Path file, int line, int column, byte[] text, int start, int end) {
        String token = new String(text, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        return new DatasetFormatException(file, "line " + line + ", value " + column + ": expected a finite decimal number, got '"
                + abbreviate(token) + "'");
    }

    private static String abbreviate(String s) { return s.length() <= 40 ? s : s.substring(0, 40) + "..."; }
}
