package clinic.kiosk.app;

import clinic.kiosk.config.KioskConfig;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;

/**
 * HTTPS, when kiosk.yaml turns it on: the clinic's keystore (PKCS12, made with keytool from a certificate of the
 * clinic's internal CA), its password from the environment, TLS 1.2 and 1.3 only, on its own port. The keystore is
 * opened at start-up, so a wrong path or password stops the start with a plain message.
 */
final class Tls {
    private final Path keystore;
    private final String password;
    private final int port;

    private Tls(Path keystore, String password, int port) {
        this.keystore = keystore;
        this.password = password;
        this.port = port;
    }

    static Tls load(KioskConfig.Tls tls, Path configDir, Map<String, String> env) {
        Path file = Path.of(tls.keystore());
        Path keystore = (file.isAbsolute() ? file : configDir.resolve(file)).toAbsolutePath().normalize();
        String password = env.get(tls.passwordEnv());
        if (password == null || password.isEmpty()) {
            throw new StartupException("security.tls needs the keystore's password in the environment variable "
                    + tls.passwordEnv());
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            if (!store.aliases().hasMoreElements()) {
                throw new StartupException("the keystore " + keystore + " holds no key and certificate");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new StartupException("the keystore " + keystore + " cannot be opened (" + e.getClass().getSimpleName()
                    + "): check security.tls.keystore and " + tls.passwordEnv(), e);
        }
        return new Tls(keystore, password, tls.httpsPort());
    }

    /**
     * Adds the HTTPS connector and, since Jetty then makes no default one, the plain one on {@code httpPort} (which
     * only redirects, see {@code HttpsOnly}).
     */
    void install(JavalinConfig config, int httpPort) {
        config.jetty.addConnector((server, http) -> {
            ServerConnector plain = new ServerConnector(server, new HttpConnectionFactory(http));
            plain.setPort(httpPort);
            plain.setName("http");
            return plain;
        });
        config.jetty.addConnector((server, http) -> {
            HttpConfiguration https = new HttpConfiguration(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // tablets reach the mini PC by its address as often as by its name
            https.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStorePath(keystore.toString());
            ssl.setKeyStorePassword(password);
            ssl.setKeyStoreType("PKCS12");
            ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(https));
            connector.setPort(port);
            connector.setName("https");
            return connector;
        });
    }
}
