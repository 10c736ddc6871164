/**
 * Staff accounts (admin, nurse, desk; one person, one account), sign-in with an increasing slow-down, server-side
 * sessions with idle and absolute limits, and the admin pages that manage accounts.
 */
package clinic.kiosk.staff;
