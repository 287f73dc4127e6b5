/**
 * Time limits of a filing order (fact base §2.4). Calendar time, not working days.
 * An order untouched for 45 days is cleaned up, with reminders on days 30 and 40.
 */
export const ORDER_VALIDITY_DAYS = 45;
export const ORDER_REMINDER_DAYS = [30, 40] as const;
/** The MIIT verification SMS must be answered within 24 hours (fact base §2.5). */
export const SMS_WINDOW_HOURS = 24;
