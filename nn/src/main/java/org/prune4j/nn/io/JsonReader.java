package org.prune4j.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser for safetensors headers (engine modules take no
 * third-party dependencies). Objects become LinkedHashMap (duplicate keys are an error,
 * since a duplicated tensor name would be ambiguous), arrays List, strings String,
 * integers Long, other numbers Double, and true/false/null Boolean/null. Errors name
 * the character offset.
 */
public final class JsonReader {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int pos;

    private JsonReader(String s) { this.s = s; }

    /** Parses one JSON value filling the whole text (surrounding whitespace allowed). */
    public static Object parse(String text) {
        if (text == null) throw new JsonException("JSON text must not be null", 0);
        JsonReader r = new JsonReader(text);
        r.skipWs();
        Object v = r.value(0);
        r.skipWs();
        if (r.pos != text.length()) throw new JsonException("unexpected trailing characters", r.pos);
        return v;
    }

    /** A malformed JSON text, with the offset where parsing failed. */
    public static final class JsonException extends IllegalArgumentException {
        private final int offset;

        JsonException(String msg, int offset) {
            super(msg + " at offset " + offset);
            this.offset = offset;
        }

        public int offset() { return offset; }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw new JsonException("nesting deeper than " + MAX_DEPTH, pos);
        if (pos >= s.length()) throw new JsonException("unexpected end of text, expected a value", pos);
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw new JsonException("unexpected character '" + c + "', expected a value", pos);
            }
        };
    }

    private Map<String, Object> object(int depth) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        pos++;
        skipWs();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            skipWs();
            if (peek() != '"') throw new JsonException("expected a string key", pos);
            int keyPos = pos;
            String key = string();
            skipWs();
            expect(':');
            skipWs();
            Object v = value(depth + 1);
            if (out.containsKey(key)) throw new JsonException("duplicate key \"" + key + "\"", keyPos);
            out.put(key, v);
            skipWs();
            char c = peek();
            pos++;
            if (c == '}') return out;
            if (c != ',') throw new JsonException("expected ',' or '}' in object", pos - 1);
        }
    }

    private List<Object> array(int depth) {
        List<Object> out = new ArrayList<>();
        pos++;
        skipWs();
        if (peek() == ']') {
            pos++;
            return out;
        }
        while (true) {
            skipWs();
            out.add(value(depth + 1));
            skipWs();
            char c = peek();
            pos++;
            if (c == ']') return out;
            if (c != ',') throw new JsonException("expected ',' or ']' in array", pos - 1);
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= s.length()) throw new JsonException("unterminated string", pos);
            char c = s.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c < 0x20) throw new JsonException("unescaped control character in string", pos - 1);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= s.length()) throw new JsonException("unterminated escape", pos);
            char e = s.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) throw new JsonException("truncated \\u escape", pos);
                    int cp = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(pos + i), 16);
                        if (d < 0) throw new JsonException("bad hex digit in \\u escape", pos + i);
                        cp = cp * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) cp); // surrogate pairs arrive as two escapes and recombine in the String
                }
                default -> throw new JsonException("unknown escape '\\" + e + "'", pos - 1);
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (Character.isDigit(peek())) {
            while (Character.isDigit(peek())) pos++;
        } else {
            throw new JsonException("bad number", start);
        }
        boolean integral = true;
        if (peek() == '.') {
            integral = false;
            pos++;
            if (!Character.isDigit(peek())) throw new JsonException("expected digits after '.'", pos);
            while (Character.isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            integral = false;
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!Character.isDigit(peek())) throw new JsonException("expected digits in exponent", pos);
            while (Character.isDigit(peek())) pos++;
        }
        String t = s.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException ex) {
                throw new JsonException("integer " + t + " does not fit in 64 bits", start);
            }
        }
        return Double.parseDouble(t);
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) throw new JsonException("unexpected token, expected " + word, pos);
        pos += word.length();
        return v;
    }

    private void expect(char c) {
        if (peek() != c) throw new JsonException("expected '" + c + "'", pos);
        pos++;
    }

    /** The current character, or NUL at the end (never a valid JSON structural character). */
    private char peek() { return pos < s.length() ? s.charAt(pos) : '\0'; }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }
}
