package clinic.kiosk.web;

import io.pebbletemplates.pebble.extension.escaper.EscapingStrategy;
import org.unbescape.html.HtmlEscape;

/**
 * The escaping of every value a template prints: HTML-escaped, and a value holding a text-direction control (a
 * right-to-left override in a typed name, say) wrapped in an isolate (U+2068 ... U+2069), so that it can turn only its
 * own text around, never the rest of the line. The value itself is stored exactly as typed; {@link Form} takes the
 * isolate off again when a page posts the value back.
 */
public final class BidiSafeHtml implements EscapingStrategy {
    public static final String NAME = "html-bidi";
    static final char ISOLATE = '\u2068';
    static final char POP_ISOLATE = '\u2069';

    @Override
    public String escape(String input) {
        String escaped = HtmlEscape.escapeHtml4Xml(input);
        return hasDirectionControl(input) ? ISOLATE + escaped + POP_ISOLATE : escaped;
    }

    static boolean hasDirectionControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
                    || c == '\u061C') {
                return true;
            }
        }
        return false;
    }

    /** A value as posted back: without the isolate this class put around it. */
    static String unwrap(String s) {
        if (s.length() >= 2 && s.charAt(0) == ISOLATE && s.charAt(s.length() - 1) == POP_ISOLATE) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
