package clinic.kiosk.checkin;

import clinic.kiosk.audit.Actor;
import clinic.kiosk.config.KioskConfig.VisitType;
import clinic.kiosk.queue.Visit;
import clinic.kiosk.schedule.Booking;

/** What a step knows while it runs: the visit, its booking, who is acting, and where the page posts to. */
record StepContext(Visit visit, Booking booking, VisitType visitType, Actor actor, StepFrame frame) {}
