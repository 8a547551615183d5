package com.jm.job.common.protocol;

/**
 * What a run log line's text may be. Anything a handler writes is kept as data (control
 * characters, NUL, markup, escape sequences), cut at {@link NodeApi#MAX_LOG_LINE_LENGTH}
 * characters; only half of a surrogate pair, which no database column and no UTF-8 encoder can
 * hold, becomes U+FFFD. The node cleans before sending and the master again before storing, so a
 * line from any node is storable.
 */
public final class RunLogText {

    /** What stands in for a character that cannot be stored. */
    public static final char REPLACEMENT = '\uFFFD';

    private RunLogText() {}

    /** The text, storable and at most {@link NodeApi#MAX_LOG_LINE_LENGTH} characters; {@code null} as "". */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cut = NodeApi.truncate(text, NodeApi.MAX_LOG_LINE_LENGTH);
        StringBuilder out = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean paired =
                    Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(cut.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean lone = Character.isSurrogate(c);
            if (lone && out == null) {
                out = new StringBuilder(cut.length()).append(cut, 0, i);
            }
            if (out != null) {
                out.append(lone ? REPLACEMENT : c);
            }
        }
        return out == null ? cut : out.toString();
    }

    /** Bytes the text takes in UTF-8, which is what a run's byte cap counts. */
    public static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
