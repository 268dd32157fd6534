"""Mentoring pairs and groups, and what they do: forming and ending them (pairs), the meeting
log (meetings, meeting_totals, mentor_record), development plans (plans), mentor suggestions,
and the notices and reminders they send."""
