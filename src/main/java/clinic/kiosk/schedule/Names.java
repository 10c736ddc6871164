package clinic.kiosk.schedule;

import java.text.Normalizer;
import java.util.Locale;

/** Names as a person types them: case, accents and extra spaces do not matter ("  lucia  GOMEZ" is Lucía Gómez). */
public final class Names {
    private Names() {}

    public static String normalize(String name) {
        String stripped = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return stripped.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    public static boolean same(String typed, String onFile) {
        return !normalize(typed).isEmpty() && normalize(typed).equals(normalize(onFile));
    }
}
