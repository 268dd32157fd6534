## Roadmaps: /roadmap, import, reminders, statuses

roadmap-scope-everything = all regions
roadmap-item-name = item { $number }. { $activity }
roadmap-and-more = { " " }and { $count } more
roadmap-parties = { $count ->
    [one] { $count } party
   *[other] { $count } parties
}

## Overview

roadmap-overview-title = 🗺 <b>Roadmaps</b> — { $scope }
roadmap-overview-none = No roadmaps yet. Upload the table you already have (XLSX, CSV, DOCX) or start from a template.
roadmap-overview-roadmap = • “{ $title }” ({ $owner }, { $start }–{ $end })
roadmap-overview-overdue = ⚠ <b>Overdue:</b> { $count }
roadmap-overview-soon = ⏰ <b>Due within { $days } days:</b> { $count }
roadmap-due-line = • { $date } — { $item } — { $who }
roadmap-overview-mine = 📌 Your deadlines are the buttons below: mark what is done.
roadmap-overview-needs-dates = 🗓 Without dates: { $count } — set them, or there will be no reminders.
roadmap-overview-unrecognised = ❓ Responsible parties not recognised: { $count }

roadmap-btn-below = 📊 Levels below
roadmap-btn-needs-dates = 🗓 Set dates ({ $count })
roadmap-btn-needs-more = 🗓 Others without dates
roadmap-btn-unknown = ❓ Not recognised
roadmap-btn-import = 📥 Upload a table
roadmap-btn-template = 📄 From a template
roadmap-btn-home = ◀ Back to roadmaps
roadmap-btn-open = Open

## Levels below

roadmap-below-title = 📊 <b>Progress of the levels below</b>
roadmap-below-roadmaps-municipality = Municipalities with their own roadmap: { $done } of { $total }
roadmap-below-roadmaps-organization = Educational organizations with their own roadmap: { $done } of { $total }
roadmap-below-missing = { "   " }not yet: { $names }
roadmap-below-empty = No items with parties at the levels below yet.
roadmap-below-items = Items (page { $page } of { $pages }):
roadmap-below-item = <b>{ $item }</b>
    ✅ done by { $done } of { $total }
roadmap-below-overdue = ⚠ overdue ({ $count }): { $names }
roadmap-below-waiting = ⏳ not done yet ({ $count }): { $names }

## Without dates and not recognised

roadmap-needs-title = 🗓 <b>Items without dates: { $count }</b> (page { $page } of { $pages })
    Until an item has a date there are no reminders for it. Press a button and send the date.
roadmap-needs-line = { $item }
    Row { $row }, “Срок”: “{ $phrase }” — { $why }
    Responsible: { $responsible }
roadmap-needs-empty = Every item has dates. 👍
roadmap-btn-set-date = 🗓 No. { $item }, row { $row }
roadmap-ask-date = 🗓 { $item }
    In the table: “{ $phrase }”.
    Send the deadline: a date (15.09.2027) or a phrase as in the table (“Сентябрь 2027”, “Май 2027, далее ежегодно”).
roadmap-date-set = ✅ Deadline set: { $dates }{ $count ->
    [one] {""}
   *[other] { " " }({ $count } dates in all)
}. Reminders will go to { $parties } responsible parties.
roadmap-date-gone = This item has a date already or is not available to you.
roadmap-date-not-understood = I did not understand the date. Send, for example, 15.09.2027 or “Сентябрь 2027”.
roadmap-date-outside-period = The date is outside the roadmap's period ({ $start } — { $end }).
roadmap-date-in-past = That date has passed. Give a future one.
roadmap-dates-already-set = This item has a deadline already.
roadmap-unknown-title = ❓ <b>Responsible parties the bot did not recognise: { $count }</b>
    There are no reminders for them: the bot does not know whom to send them to. Fix the “Ответственные” column (e.g. “МОУО”, “ОО”, “РЦРО”) and upload the table again.
roadmap-unknown-line = • { $item } (row { $row }): “{ $text }”

## Import

roadmap-ask-owner = Whose roadmap is it? Choose the level:
roadmap-ask-file = 📥 Send the roadmap of “{ $owner }” as a document: XLSX, CSV, DOCX (a table) or YAML, up to { $limit } MB.
    It needs the columns “Мероприятие” and “Срок”; “№”, “Результат” and “Ответственные” if there are any.
    If the title does not name the period (“на 2025–2027 гг.”), write it in the file's caption.
    Nothing is saved until you have checked and confirmed it.
roadmap-import-send-file = Send the table as a file (a document), not as text. Cancel: /cancel
roadmap-ask-template = 📄 A roadmap template for “{ $owner }”. Dates move to the year you choose; responsible parties follow your scope.
roadmap-ask-year = Which year does the period start in?
roadmap-ask-school-year = Which school year is it for?
roadmap-school-year = { $first }/{ $last } school year
roadmap-template-kedrovy-city-2020-2024 = Kedrovy town — municipal
roadmap-template-school-2026-2027 = A school — for a school year
roadmap-template-samara-region-2021 = Samara region — regional
roadmap-template-tomsk-district-2020-2024 = Tomsk district — municipal
roadmap-template-tomsk-region-2020-2024 = Tomsk region — regional
roadmap-template-tomsk-region-program-2020-2024 = Tomsk region — program with target indicators

roadmap-preview-title = 🔎 <b>Check before saving</b>
    “{ $title }”
roadmap-preview-owner = Whose: { $owner }
roadmap-preview-period = Period: { $start } — { $end }
roadmap-preview-template = Template: { $template }
roadmap-preview-counts = Stages: { $stages }, sections: { $sections }, items: { $items }, deadlines in the table: { $deadlines }
roadmap-preview-dates = Concrete dates: { $count } (from { $first } to { $last })
roadmap-preview-kinds = Read: with dates — { $dates }, continuous — { $continuous }, on an event — { $events }, not understood — { $unparsed }
roadmap-preview-parties = Responsible: region — { $regions }, municipalities — { $municipalities }, organizations — { $organizations }; dates with reminders: { $occurrences }
roadmap-preview-past = { $count ->
    [one] ⏪ { $count } deadline has passed already: it will be marked overdue, without reminders.
   *[other] ⏪ { $count } deadlines have passed already: they will be marked overdue, without reminders.
}
roadmap-preview-unparsed = ❗ <b>Deadlines not understood: { $count }</b> — the items are kept; set their dates later in /roadmap:
roadmap-preview-unparsed-line = • { $where }: “{ $phrase }” — { $reason }
roadmap-preview-events = 🗓 <b>Deadlines on an event: { $count }</b> — set the date when the event happens:
roadmap-preview-event-line = • { $where }: “{ $phrase }”
roadmap-preview-unrecognised = ❓ <b>Responsible parties not recognised: { $count }</b> — the items will be flagged, with no reminders:
roadmap-preview-unrecognised-line = • row { $row }: “{ $text }”
roadmap-preview-outside = ℹ Outside your scope or not in the directory (no reminders): { $names }
roadmap-preview-replaces = ♻ Replaces the active roadmap “{ $titles }” — its reminders stop.
roadmap-preview-confirm = Save it?
roadmap-btn-import-confirm = ✅ Save the roadmap
roadmap-preview-deadlines-hint = How each deadline of the table was read: the “📅 All deadlines” button.
roadmap-btn-import-deadlines = 📅 All deadlines ({ $count })
roadmap-import-deadlines-title = 📅 <b>Deadlines of the table: { $count }</b> — saved just like this (page { $page } of { $pages }):
roadmap-preview-deadline-line = • { $item } (row { $row }): “{ $phrase }” → { $meaning }; responsible: { $responsible }
roadmap-where-row-cell = row { $row }, column “{ $column }”
roadmap-where-row = row { $row }
roadmap-where-cell = column “{ $column }”
roadmap-warning-responsible-not-split = ⚠ Row { $row }: the cell holds several deadlines (“{ $value }”) but not as many responsible parties — each deadline goes to all of them.

roadmap-import-done = Saved
roadmap-created = ✅ Roadmap saved: “{ $title }”
roadmap-created-counts = Items: { $items }, responsible parties: { $parties }, dates with reminders: { $occurrences }.
roadmap-created-flagged = Items that need attention: { $items } (without dates: { $dates }, responsible parties not recognised: { $unknown }) — see /roadmap.
roadmap-created-replaced = The previous roadmap was archived: “{ $titles }”.

roadmap-import-nothing-saved = Nothing was saved. Fix the file and send it again, or cancel: /cancel
roadmap-import-too-large = ❌ The file is too large: up to { $limit } MB and { $rows } rows.
roadmap-import-empty-file = ❌ The file is empty.
roadmap-import-unsupported-format = ❌ This format does not fit ({ $value }). Send XLSX, CSV, DOCX or YAML.
roadmap-import-malformed = ❌ The file is damaged or cannot be read ({ $value }).
roadmap-import-no-header = ❌ I found no header row: the table needs the columns “Мероприятие” and “Срок” (and “№”, “Результат”, “Ответственные” if there are any).
roadmap-import-missing-column = ❌ The header has no column “{ $column }”.
roadmap-import-missing-activity = ❌ An item has no name.
roadmap-import-no-items = ❌ The table has no items.
roadmap-import-no-period = ❌ I could not tell the roadmap's period. Write it in the title (“на 2025–2027 гг.”) or in the file's caption: 2025-2027.
roadmap-import-date-outside-period = ❌ The deadline “{ $value }” is outside the roadmap's period.
roadmap-import-unknown-template = ❌ There is no such template.
roadmap-import-too-big-sheet = ❌ The table is too large: { $value } (rows × columns); up to { $rows } rows and { $columns } columns are allowed. This happens when a filled or formatted cell was left far outside the table: delete the extra rows and columns and save the file again.
roadmap-import-too-many-merged = ❌ The table has too many merged cells: up to { $merged } merged ranges covering up to { $merged_cells } cells.
roadmap-import-too-many-tables = ❌ The document has too many tables ({ $value }): up to { $tables }. Keep only the roadmap in the file.
roadmap-import-unpacked = ❌ The file is too large once unpacked ({ $value } MB): up to { $unpacked } MB. Remove pictures and attachments from it.
roadmap-import-zip-members = ❌ The file has too many parts inside ({ $value }): up to { $members }.
roadmap-import-yaml-alias = ❌ The YAML file uses references (&anchor and *alias), which are not supported. Write the values out in full.
roadmap-import-yaml-depth = ❌ The YAML file is nested too deeply: up to { $value } levels.
roadmap-import-too-slow = ❌ Reading the file took longer than { $value } s and was stopped. Check it for extra sheets, rows and columns, and send it again.
roadmap-import-too-much-memory = ❌ Reading the file needed more than { $value } MB of memory and was stopped. Check it for extra sheets, rows and columns, and send it again.

## How a deadline was read

roadmap-reason-unknown-phrase = the phrase was not recognised
roadmap-reason-unknown-words = unknown words: “{ $value }”
roadmap-reason-invalid-date = no such date: “{ $value }”
roadmap-reason-invalid-range = the end comes before the start: “{ $value }”
roadmap-reason-invalid-school-year = a school year is two years in a row: “{ $value }”
roadmap-reason-date-outside-period = the date { $date } is outside the period ({ $start } — { $end })
roadmap-reason-missing-year = no year given
roadmap-reason-months-and-frequency-disagree = the months named do not match the frequency: “{ $value }”
roadmap-reason-ambiguous-day-of-month = a day of the month is named, but not which month: “{ $value }”
roadmap-reason-no-period = the roadmap's period is unknown, so the repetitions cannot be counted
roadmap-reason-no-due-date = it says from when, not by when
roadmap-reason-empty = no deadline given

roadmap-kind-continuous = continuous, checked every { $months } months
roadmap-kind-event-triggered = on an event: { $event }
roadmap-kind-when-asked = { $flags } — no date: set it when it is needed

roadmap-recurrence-monthly = monthly
roadmap-recurrence-quarterly = quarterly
roadmap-recurrence-twice-a-year = twice a year
roadmap-recurrence-yearly = yearly
roadmap-recurrence-every-two-years = every two years
roadmap-recurrence-termly = at the end of every school term
roadmap-recurrence-every-months = every { $months } months

roadmap-flag-on-request = on request
roadmap-flag-as-needed = as needed
roadmap-flag-per-schedule = per schedule
roadmap-flag-end-of-school-year = at the end of the school year
roadmap-flag-school-year = during the school year
roadmap-flag-start-of-school-year = by the start of the school year

## A responsible party's deadline

roadmap-status-planned = planned
roadmap-status-in-progress = in progress
roadmap-status-done = done
roadmap-status-overdue = overdue
roadmap-status-not-applicable = not applicable
roadmap-status-postpone-requested = postponement requested
roadmap-status-postponed = postponed
roadmap-status-postpone-declined = postponement declined

roadmap-card-title = 📌 <b>{ $item }</b>
roadmap-card-roadmap = Roadmap: “{ $title }”
roadmap-card-party = Responsible: { $party }
roadmap-card-due = Due: <b>{ $date }</b>
roadmap-card-check-in = Check-in (continuous item): { $date }
roadmap-card-window = Starts: { $date }
roadmap-card-moved = Originally due: { $date }
roadmap-card-result = Result: { $result }
roadmap-card-targets = Target indicators: { $targets }
roadmap-card-status = Status: { $status }
roadmap-card-evidence = Evidence: { $text }
roadmap-card-evidence-file = File: { $name }
roadmap-card-note = Why it does not apply: { $text }
roadmap-card-postpone-pending = ⏳ Postponement to { $date } requested, waiting for a decision.
roadmap-card-history = History:

roadmap-btn-done = ✅ Done
roadmap-btn-progress = 🔄 In progress
roadmap-btn-na = 🚫 Not applicable
roadmap-btn-postpone = 📅 Postpone
roadmap-btn-approve = ✅ Approve
roadmap-btn-decline = ✖ Decline

roadmap-marked = Marked: { $status }
roadmap-ask-evidence = ✅ { $item }
    Send the evidence: a comment (e.g. “Order No. 12 of 05.05.2027”) or a file — a document or a photo.
roadmap-ask-reason = 🚫 { $item }
    Why does this item not apply? Write the reason in one message.
roadmap-ask-postpone = 📅 { $item }
    It is due { $date } now. Send the new date and, after a comma, the reason, e.g.: 15.06.2027, waiting for the order.
    Not later than { $end } (the end of the period). The level above approves it.
roadmap-postponed = 📅 Postponed to { $date }.
roadmap-postpone-sent = 📨 The request to postpone to { $date } went to { $count ->
    [one] the coordinator
   *[other] the coordinators
} of the level above. The decision will come here.
roadmap-postpone-request = 📅 <b>Request to postpone a deadline</b>
    { $who } ({ $party }) asks to postpone: { $item }
    from { $date_from } to { $date_to }.
roadmap-postpone-reason = Reason: { $reason }
roadmap-postpone-approved = ✅ Postponement approved: { $item } ({ $party }) — now due { $date_to } (was { $date_from }).
roadmap-postpone-declined = ✖ Postponement declined: { $item } ({ $party }) — still due { $date_from }.

roadmap-already-closed = This item is closed already (done or not applicable).
roadmap-status-unchanged = Already marked “in progress”.
roadmap-evidence-required = Evidence is needed: a comment or a file.
roadmap-reason-required = Write the reason.
roadmap-postpone-not-due = This is a check-in of a continuous item — there is nothing to postpone.
roadmap-postpone-not-later = The new date must be later than the current one ({ $due }) and not in the past.
roadmap-postpone-pending = A postponement was requested already; waiting for the level above.
roadmap-postpone-nobody-above = There is nobody at the level above to approve: no coordinator there uses the bot.
roadmap-postpone-decided = This request has been decided already.
roadmap-postpone-not-yours = The level above approves a postponement, not the responsible party.

## Reminders

roadmap-notice-soon = ⏰ <b>A roadmap deadline in { $days ->
    [one] { $days } day
   *[other] { $days } days
}</b>
roadmap-notice-today = ⏰ <b>A roadmap deadline today</b>
roadmap-notice-overdue = ⚠ <b>Overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
}</b>
roadmap-notice-check-in = 🔁 <b>A continuous item: how is it going?</b>
roadmap-notice-via-above = ℹ “{ $party }” has no coordinator in the bot, so the reminder came to you as the level above.
roadmap-escalation-title = ⚠ <b>Overdue at the levels below: { $count }</b>
roadmap-escalation-line = • { $party } — { $item }, due { $date } (overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
})

roadmap-btn-mine = 📋 All my deadlines
roadmap-mine-title = 📋 <b>Your open deadlines: { $count }</b> (page { $page } of { $pages })
    Open an item to mark it — early is fine too.
roadmap-mine-empty = No open deadlines. 👍
roadmap-digest-title = ⏰ <b>Roadmap deadlines: { $count }</b> — open an item to mark it.
roadmap-digest-line = • { $when } — { $item } — { $party }
roadmap-when-due = { $days ->
    [0] today, { $date }
    [one] in { $days } day, { $date }
   *[other] in { $days } days, { $date }
}
roadmap-when-overdue = ⚠ { $date }, overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
}
roadmap-when-check-in = 🔁 { $date }, check-in
