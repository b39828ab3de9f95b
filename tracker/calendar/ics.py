"""The calendar as an iCalendar file (RFC 5545), made with the ``icalendar`` package.

Each item is one VEVENT: a due date or an untimed court date is an all-day event (DTSTART is a
date, DTEND the next day); a hearing or meeting with a start time is a one-hour event in the
tracker's time zone (its VTIMEZONE included). UIDs name what the event is ("request-12-due"),
so a subscribed calendar updates the event instead of adding another; DTSTAMP and LAST-MODIFIED
are the record's last change, so the same data gives the same file (and the same ETag).
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

TIMED_LENGTH = timedelta(hours=1)  # a start time without an end: shown as an hour


def _stamp(moment):
    """``moment`` (naive values are UTC, as the database keeps them) as an aware UTC time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _event(item, uid_domain, zone):
    """The VEVENT of one calendar item."""
    event = Event()
    event.add("uid", f"{item.uid}@{uid_domain}")
    event.add("dtstamp", _stamp(item.changed_at))
    event.add("last-modified", _stamp(item.changed_at))
    summary = f"{item.label}: {item.title}"
    if item.overdue_days:
        summary += f" ({item.overdue_days} days overdue)"
    event.add("summary", summary)
    if item.at is None:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    else:
        start = datetime.combine(item.day, item.at, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + TIMED_LENGTH)
    if item.place:
        event.add("location", item.place)
    if item.detail:
        event.add("description", item.detail)
    url = item.url(_external=True)
    if url:
        event.add("url", url)
    event.add("categories", [item.label])
    return event


def calendar_file(items, name, uid_domain, time_zone):
    """The bytes of an iCalendar file named ``name`` holding ``items``."""
    zone = ZoneInfo(time_zone)
    calendar = Calendar()
    calendar.add("prodid", f"-//{uid_domain}//Calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", time_zone)
    for item in items:
        calendar.add_component(_event(item, uid_domain, zone))
    calendar.add_missing_timezones()
    return calendar.to_ical()
