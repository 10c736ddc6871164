/**
 * Enrolled devices: kiosk tablets, the lobby TV and desk boards, each holding a signed long-lived cookie that a
 * patient's session reset never touches; admins enrol and revoke them.
 */
package clinic.kiosk.device;
