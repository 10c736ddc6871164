/** The append-only, hash-chained audit log of every view, change, sign-in and export, and its verification. */
package clinic.kiosk.audit;
