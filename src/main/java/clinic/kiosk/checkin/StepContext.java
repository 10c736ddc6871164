package clinic.kiosk.checkin;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.KioskConfig.VisitType;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.schedule.Booking;

import java.time.Instant;

/**
 * What a step knows while it runs: the visit, its booking, who is acting, where the page posts to, the screen the
 * patient asked to go back to (or null), since when this session may show earlier answers, and the language.
 */
record StepContext(Visit visit, Booking booking, VisitType visitType, Actor actor, StepFrame frame, String screen,
                   Instant shownSince, String language) {}
