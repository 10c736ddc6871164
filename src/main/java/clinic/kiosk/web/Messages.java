package clinic.kiosk.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Every user-visible text, from {@code i18n/messages_<lang>.properties}. English is complete; Spanish holds every
 * text a patient sees and falls back to English for staff screens. A missing key is an error, so a typo in a
 * template fails a test rather than showing a key to a patient.
 */
public final class Messages {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale SPANISH = Locale.forLanguageTag("es");
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, SPANISH);
    static final String BUNDLE = "i18n.messages";

    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    public String get(Locale locale, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, supported(locale), NO_DEFAULT_LOCALE);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("no message '" + key + "'", e);
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    public static Locale supported(Locale requested) {
        return requested != null && requested.getLanguage().equals("es") ? SPANISH : ENGLISH;
    }
}
