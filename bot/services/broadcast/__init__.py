"""Announcements, events with RSVP, and the text rules of the delivery engine.

Modules: telegram_html (the server's HTML rules, splitting), attachments (what may be sent),
when (dates typed by people), announcements (compose, schedule, expand, report), events
(create, RSVP, reminders, attendance), attendance_export (the spreadsheet), rendering (what a
recipient reads).
"""
