package clinic.kiosk.schedule;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Names as a person types them: case, accents (composed or not), extra spaces and invisible characters (zero-width
 * spaces and joiners, direction marks and overrides) do not matter ("  lucia  GOMEZ" is Lucía Gómez); compatibility
 * forms (full-width letters) read as their plain letters.
 */
public final class Names {
    private Names() {}

    public static String normalize(String name) {
        String stripped = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("[\\p{M}\\p{Cf}]+", "");
        return stripped.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    public static boolean same(String typed, String onFile) {
        return !normalize(typed).isEmpty() && normalize(typed).equals(normalize(onFile));
    }
}
