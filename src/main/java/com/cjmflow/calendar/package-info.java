/**
 * Business calendars: working hours, public holidays, extra days and business-time arithmetic (BusinessCalendars,
 * BusinessCalendar). Writes only the tables in {@link com.cjmflow.platform.OwnsTables}; other modules change them
 * through this module's API or events it handles.
 */
@OwnsTables({"crm_business_calendars", "crm_business_calendar_hours", "crm_business_calendar_days"})
package com.cjmflow.calendar;

import com.cjmflow.platform.OwnsTables;
