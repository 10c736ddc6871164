package clinic.kiosk.web;

import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders Pebble templates from {@code templates/} with autoescaping and strict variables, adding the
 * {@link Layout} every page extends and a {@code t(key, args...)} function for messages.
 */
public final class PebbleRenderer implements FileRenderer {
    private final PebbleEngine engine;
    private final String clinicName;
    private final boolean demo;

    /**
     * {@code globals} are variables every template sees, such as the visit states by name (so a template says
     * {@code states.READY}, and a misspelt state fails under strict variables).
     */
    public PebbleRenderer(Messages messages, String clinicName, boolean demo, Map<String, Object> globals) {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder()
                .loader(loader)
                .strictVariables(true)
                .autoEscaping(true)
                .addEscapingStrategy(BidiSafeHtml.NAME, new BidiSafeHtml())
                .defaultEscapingStrategy(BidiSafeHtml.NAME)
                .extension(new MessagesExtension(messages, globals))
                .build();
        this.clinicName = clinicName;
        this.demo = demo;
    }

    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Locale locale = Pages.locale(ctx);
        Map<String, Object> all = new HashMap<>(model);
        all.put("layout", new Layout(clinicName, locale.getLanguage(), Pages.csrf(ctx), Pages.viewer(ctx), demo,
                Pages.unenrolledNotice(ctx)));
        PebbleTemplate compiled = engine.getTemplate(template);
        StringWriter out = new StringWriter();
        try {
            compiled.evaluate(out, all, locale);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final class MessagesExtension extends AbstractExtension {
        private final Messages messages;

        private final Map<String, Object> globals;

        MessagesExtension(Messages messages, Map<String, Object> globals) {
            this.messages = messages;
            this.globals = Map.copyOf(globals);
        }

        @Override
        public Map<String, Object> getGlobalVariables() {
            return globals;
        }

        @Override
        public Map<String, Function> getFunctions() {
            return Map.of("t", new Function() {
                @Override
                public List<String> getArgumentNames() {
                    return null; // positional: key, then the message's arguments
                }

                @Override
                public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
                    Object key = args.get("0");
                    Object[] rest = new Object[Math.max(0, args.size() - 1)];
                    for (int i = 1; i < args.size(); i++) {
                        rest[i - 1] = args.get(String.valueOf(i));
                    }
                    return messages.get(context.getLocale(), String.valueOf(key), rest);
                }
            });
        }
    }
}
