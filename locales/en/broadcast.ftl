## Announcements: composing

ann-ask-text =
    📣 <b>New announcement</b>
    Send the announcement text in one message (up to { $max } characters). Format it right in Telegram (bold, italic, links) or with tags &lt;b&gt;, &lt;i&gt;, &lt;a href="…"&gt;.
    You can also send a photo or a document with a caption: the caption becomes the text.
    Cancel: /cancel
ann-ask-new-text = Send the new announcement text (up to { $max } characters). The attachment and the recipients stay as they are.
ann-file-kept-ask-text = File received. Now send the announcement text.
ann-ask-attachment = Attach a photo or a document (PDF, Word, Excel, a presentation)? Send the file or press "No attachment".
ann-btn-no-attachment = No attachment
ann-attachment-kind = Send a photo or a document, or press "No attachment".
ann-empty = The announcement is empty. Send a text.
ann-too-long = The text is too long: { $length } { $length ->
        [one] character
       *[other] characters
    } where the limit is { $max }. Shorten it or split it into two announcements.
ann-bad-markup = Telegram would not accept this formatting: { $detail }. Check the tags (b, i, u, s, a, code, pre, blockquote, tg-spoiler are allowed) or write "&lt;" as "&amp;lt;".
ann-document-type = This file cannot be sent. Allowed: { $allowed }.
ann-document-size = The file is too large: { $max } MB at most.
ann-document-empty = The file is empty.
ann-photo-size = The photo is too large: { $max } MB at most.

## Announcements: the audience

ann-audience =
    👥 <b>Who gets it</b>
    Roles: { $roles }
    Categories: { $categories }
    Municipalities: { $municipalities }
    Organizations: { $organizations }
    Mentoring forms: { $forms }
    Experience: { $cohorts }

    Recipients now: <b>{ $count }</b>
ann-audience-any = all
ann-dim-roles = Roles
ann-dim-categories = Categories
ann-dim-munis = Municipalities
ann-dim-orgs = Organizations
ann-dim-forms = Mentoring forms
ann-dim-roles-ask = Tick the roles (none ticked: all):
ann-dim-categories-ask = Tick the participant categories (none ticked: all):
ann-dim-munis-ask = Tick the municipalities (page { $page } of { $pages }):
ann-dim-orgs-ask = Tick the organizations (page { $page } of { $pages }):
ann-dim-forms-ask = Members of pairs and groups of which mentoring forms (none ticked: all):
ann-dim-cohorts = Experience
ann-dim-cohorts-ask = By experience (nothing ticked: any):
audience-cohort-young = young specialists (teachers with up to 3 years of experience)
audience-cohort-any = any
ann-btn-everyone = ↺ Everyone in my scope
ann-btn-preview = Next: preview ▶
ann-no-recipients = Nobody matches these conditions. Change the selection.

bc-form-traditional = traditional (one to one)
bc-form-group = group ("mentoring circles")
bc-form-flash = flash mentoring
bc-form-network = network
bc-form-reverse = reverse
bc-form-virtual = virtual

## Announcements: preview, sending, scheduling

# The sender under every announcement: who wrote it and for which organization, municipality or region.
ann-signature = — { $name }, coordinator, { $place }
ann-signature-admin = — { $name }, { $place }
ann-preview-intro = 👁 This is how recipients will see it:
ann-preview-summary = Recipients: <b>{ $count }</b>. Send now or schedule?
ann-btn-send-now = 📤 Send now
ann-btn-schedule = 🕒 Schedule
ann-btn-edit = ✏ Edit
ann-btn-audience = 👥 Recipients
ann-started = Sending started
ann-ask-time = When should it go? Write the date and time on your clock ({ $zone }), e.g. 25.12.2026 15:00, 25.12 9:30 or "tomorrow 9:00".
bc-bad-datetime = I could not read the date and time. Write it like 25.12.2026 15:00, 25.12 9:30, "tomorrow 16:00" or "friday 10:00".
ann-time-past = That time has passed (or is less than a minute away). Give a time in the future.
ann-time-too-far = You can schedule at most a year ahead, until { $last }.
ann-scheduled =
    🕒 The announcement will be sent on { $when } ({ $zone }).
    Recipients now: { $count }. You can cancel it until then.
ann-btn-cancel-send = ✖ Cancel sending
ann-scheduled-list = Scheduled announcements:
ann-scheduled-item = • { $when } — { $title }
ann-btn-cancel-scheduled = ✖ Cancel: { $title }

## Announcements: cancelling and stopping

ann-confirm-cancel = Cancel sending "{ $title }" ({ $when })?
ann-confirm-stop = Stop sending "{ $title }"? Those who already got it keep it.
ann-btn-cancel-yes = Yes, cancel
ann-btn-stop-yes = Yes, stop
ann-btn-keep = No
ann-kept = All right, nothing changed.
ann-cancelled = Sending of "{ $title }" cancelled. Nobody will get it.
ann-cancelled-short = Cancelled
ann-cannot-cancel = It cannot be cancelled: sending has started (or it was cancelled).
ann-stopped = Sending of "{ $title }" stopped. The totals are in the report above.
ann-stopped-short = Stopped
ann-cannot-stop = It cannot be stopped: sending is over.
ann-btn-stop = ⏹ Stop sending

## Announcements: the delivery report

ann-report-title = 📬 Sending "{ $title }"
ann-report-total = Recipients: { $count }
ann-report-delivered = ✅ Delivered: { $count }
ann-report-blocked = 🚫 Blocked the bot: { $count }
ann-report-failed = ⚠ Not delivered: { $count }
ann-report-pending = ⏳ Queued: { $count }
ann-report-going = 🙋 Registered: { $count }
ann-report-going-capacity = 🙋 Registered: { $count } of { $capacity }
ann-report-running = Sending…
ann-report-done = Finished { $when }.
ann-report-stopped = Stopped.

## Events: creating

event-ask-kind = 🗓 <b>New event</b>. What kind is it?
event-ask-title = The event's title (up to 200 characters):
event-ask-starts = Start date and time on your clock ({ $zone }): pick a day in the calendar or type, e.g., 25.12.2026 15:00 or "tomorrow 10:00".
event-ask-time = Starts on { $day }. At what time on your clock ({ $zone })? E.g. 15:00 or 9:30.
event-ask-duration = How long will it take? Pick or write it (e.g. 90 or 1:30).
event-ask-place = Where? Write the address or send the link of the online broadcast.
event-ask-description = Description: the programme, who it is for, what to bring (formatting allowed). Or press "No description".
event-ask-registration = Do people need to register?
event-ask-capacity = How many places? Pick or write a number (at most { $max }).
event-btn-no-description = No description
event-btn-registration-yes = Yes, registration required
event-btn-registration-no = No, everyone welcome
event-btn-unlimited = No limit
event-title-empty = The title cannot be empty.
event-title-too-long = The title is too long: { $max } characters at most.
event-in-past = That time has passed. Give a date and time in the future.
event-too-far = Too far ahead: an event can be set at most a year ahead, until { $last }.
event-bad-time = I did not get the time. Type hours and minutes, e.g. 15:00 or 9:30.
event-bad-duration = I could not read the duration. Write minutes (90) or hours and minutes (1:30).
event-place-empty = Give a place or a link.
event-place-too-long = Too long: { $max } characters at most.
event-capacity-zero = There must be at least one place. Without a limit, press "No limit".
event-capacity-bad = Write the number of places in digits, from 1 to { $max } (e.g. 30).
event-announce-after-start = The announcement must go out before the event starts.

event-kind-seminar = Seminar
event-kind-webinar = Webinar
event-kind-round_table = Round table
event-kind-conference = Conference
event-kind-contest = Contest
event-kind-course = Course
event-kind-master_class = Master class
event-kind-landing = "Pedagogical landing"
event-kind-meeting = Meeting

bc-duration-hours = { $hours } h
bc-duration-minutes = { $minutes } min
bc-duration-both = { $hours } h { $minutes } min

## Events: the card and the answers

event-card-title = 🗓 <b>{ $kind }: { $title }</b>
event-card-when = 🕒 { $when } ({ $zone }), { $duration }
event-preview-other-zones = 🕒 Recipients in other time zones will see the time on their own clocks: { $times }.
event-card-place = 📍 { $place }
event-card-online = 💻 Online: { $link }
event-card-registration = ✍ Registration required: press "I will attend".
event-card-registration-capacity = ✍ Registration required, places: { $capacity }. Press "I will attend".
event-card-no-registration = No registration needed; press "I will attend" to get a reminder.
event-btn-going = 🙋 I will attend
event-btn-not-going = I can't
event-preview-button = This is a preview: the buttons will work for the recipients.
event-rsvp-going = You are registered. I will remind you a day and an hour before.
event-rsvp-going-seats = You are registered. Places left: { $left }. I will remind you a day and an hour before.
event-rsvp-not-going = Noted: you can't come. Changed your mind? Press "I will attend".
event-rsvp-same = Your answer is already recorded.
event-rsvp-waiting = No places left, but you are on the waiting list: number { $position } in line. When a place frees up, I will register you and let you know.
event-rsvp-still-waiting = You are already on the waiting list: number { $position } in line.
event-full = No places left: all are taken.
event-cancelled = The event is cancelled.
event-started = The event has started: the answer cannot be changed.
event-not-started = The event has not started yet.
event-is-cancelled = ❌ The event is cancelled.
event-your-answer = Your answer: { $answer }
event-seats = Places taken: { $taken } of { $capacity }
event-answer-going = ✅ attending
event-answer-not_going = ✖ can't come
event-answer-waiting = ⏳ on the waiting list
event-waiting-position = Your place in line: { $position }
event-answer-none = no answer

## Events: /events

event-list-title = 🗓 <b>Upcoming events</b>
event-list-empty = Nothing is planned yet.
event-list-item = • { $when } — { $kind } "{ $title }" — { $answer }
event-list-confirm = Confirm whether you attended:
event-btn-manage = ⚙ My events

## Events: reminders and after the event

event-reminder-day =
    ⏰ Reminder: tomorrow is an event you registered for.

    { $card }
event-reminder-hour =
    ⏰ An event you registered for starts in an hour.

    { $card }
event-followup = The event "{ $title }" is over. Did you attend?
event-btn-attended = ✅ Yes, I was there
event-btn-missed = No, I couldn't
event-attendance-thanks = Thank you, noted.
event-attendance-closed = It is too late to confirm: more than two weeks have passed.
event-attendance-marked = The coordinator has already marked your attendance.
event-attended-yes = You attended the event.
event-attended-no = You said you did not attend.
event-followup-author = The event "{ $title }" is over. Registered: { $going }. Mark who was there; the list goes into the export.
event-btn-mark-attendance = 📋 Mark attendance
event-cancelled-notice = ❌ The event "{ $title }" ({ $when }) was cancelled by the organizer.
event-seat-notice = ✅ A place freed up: you are registered for "{ $title }" ({ $when }). I will remind you a day and an hour before. If you can't come, press "I can't" in /events: the place goes to the next in line.

## Events: the author's side

event-manage-title = ⚙ <b>My events</b> (upcoming and of the last month):
event-manage-empty = No events. Create one: /newevent
event-manage-counts = Registered: { $going }; declined: { $declined }; attended: { $attended }
event-manage-waiting = On the waiting list: { $count }
event-btn-attendance = 📋 Attendance
event-btn-xlsx = 📥 Export XLSX
event-btn-cancel-event = ✖ Cancel the event
event-btn-edit = ✏ Edit
event-edit-ask = What to change in the event? If the time or the place changes, I will tell those registered.
event-edit-field-title = Title
event-edit-field-starts = Date and time
event-edit-field-place = Place
event-edit-field-capacity = Places
event-edit-field-description = Description
event-edit-ask-title = Now: { $current }
    Send the new title.
event-edit-ask-starts = Now: { $current }
    Send the new date and time, for example "25.12 15:00" or "tomorrow 10:00".
event-edit-ask-place = Now: { $current }
    Send the new place: an address or a link to the online meeting.
event-edit-ask-capacity = Places now: { $current }; registered: { $going }.
    Send the new number of places (not fewer than those registered) or press "No limit". New places go to the waiting list, in order.
event-edit-ask-description = Now: { $current }
    Send the new description.
event-unlimited = no limit
event-edit-saved = ✅ Saved. { $told ->
        [0] Nobody needs to be told.
        [one] I will tell { $told } participant about the change.
       *[other] I will tell { $told } participants about the change.
    }
event-edit-seated = { $count ->
        [one] { $count } person from the waiting list is registered now; I will tell them.
       *[other] { $count } people from the waiting list are registered now; I will tell them.
    }
event-capacity-below-going = { $going ->
        [one] { $going } person has already registered: there cannot be fewer places.
       *[other] { $going } people have already registered: there cannot be fewer places.
    }
event-changed-notice =
    ✏ An event you registered for has changed. Now it is:

    { $card }
event-confirm-cancel = Cancel "{ $title }"? Those registered ({ $going }) will be told.
event-btn-cancel-yes = Yes, cancel
event-cancelled-done = The event is cancelled. Registered people told: { $count }.
event-attendance-title = 📋 "{ $title }": registered { $count }, marked present { $attended }. Press a name to mark it (page { $page } of { $pages }).

event-xlsx-sheet = Attendance
event-xlsx-when = Date and time
event-xlsx-place = Place
event-xlsx-summary = Total
event-xlsx-summary-value = registered: { $going }, attended: { $attended }
event-xlsx-name = Full name
event-xlsx-organization = Organization
event-xlsx-municipality = Municipality
event-xlsx-answer = Answer
event-xlsx-attended = Attended
event-xlsx-marked-by = Marked by
event-xlsx-answer-going = attending
event-xlsx-answer-not_going = can't come
event-xlsx-answer-waiting = on the waiting list
event-xlsx-yes = yes
event-xlsx-no = no
event-xlsx-by-self = themselves
event-xlsx-by-coordinator = coordinator
event-xlsx-caption = 📥 Attendance: "{ $title }" ({ $count } rows)
