/**
 * The clinic's configuration ({@code kiosk-config/}): records parsed once at start-up, with every value and
 * cross-reference checked so that a mistake stops the server with the file and the key named.
 */
package clinic.kiosk.config;
