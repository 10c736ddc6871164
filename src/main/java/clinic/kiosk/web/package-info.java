/**
 * The web baseline every page stands on: Pebble rendering and layout, messages in English and Spanish, forms and
 * their errors, CSRF, security headers, cookies, size limits and error pages. Knows no feature.
 */
package clinic.kiosk.web;
