package io.mape.internal;

/** Text that came from the wire, made safe to put into a log line or an error message. */
public final class WireText {

    private WireText() {
    }

    /**
     * {@code s} with every control character (line breaks, terminal escapes) and the Unicode line and paragraph
     * separators written as a backslash, {@code u} and four hex digits, so that a peer cannot forge log lines.
     */
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe = Character.isISOControl(c) || c == 0x2028 || c == 0x2029;
            if (unsafe && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (unsafe) {
                b.append(String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}
