## Mentoring pairs and groups, development plans, the meeting log

mentorship-form-traditional = Traditional (one to one)
mentorship-form-group = Group (mentoring circle)
mentorship-form-flash = Flash mentoring
mentorship-form-network = Network
mentorship-form-reverse = Reverse
mentorship-form-virtual = Virtual (remote)
mentorship-element-adaptation = Adaptation
mentorship-element-training = Training
mentorship-element-support = Support
mentorship-role-model-teacher_teacher = Teacher — teacher
mentorship-role-model-student_student = Student — student
mentorship-role-model-university_student_student = University student — student
mentorship-role-model-employer_student = Employer — student
mentorship-role-model-teacher_student = Teacher — student
mentorship-status-requested = waiting for a coordinator's approval
mentorship-status-proposed = waiting for the participants' confirmation
mentorship-status-active = active
mentorship-status-completed = completed
mentorship-status-stopped = stopped early
mentorship-status-declined = did not start

mentorship-describe =
    Form: { $form }
    Model element: { $element }
    Role model: { $role_model }
    Mentor: { $mentor }
    Mentees: { $mentees }
    Start: { $start }, planned end: { $end }
mentorship-line = { $icon } { $form }: { $mentor } → { $mentees }
mentorship-card-title = <b>Mentorship</b> { $icon } { $status }
mentorship-confirmations = Confirmations:
mentorship-confirmation = { $done ->
    [yes] ✅
   *[no] ⏳
} { $name }
mentorship-card-meetings = Meetings: { $meetings }, { $duration } in total (confirmed: { $confirmed })
mentorship-card-plan = Development plan: { $done } of { $total } done{ $overdue ->
    [0] {""}
   *[other] , overdue: { $overdue }
}
mentorship-card-ended = Ended: { $date }
mentorship-card-reason = Reason: { $reason }
mentorship-card-my-feedback = Your rating: { $rating } of 5

mentorships-title = <b>My mentoring pairs and groups</b>
mentorships-empty = None yet. Coordinators form pairs and groups; a mentor may also propose mentoring to a colleague.
mentorships-current = <b>Current</b>
mentorships-past = <b>Ended</b>
mentorships-btn-propose = ➕ Propose mentoring
mentorships-btn-record = 📄 My mentoring record (XLSX)

mentorship-ask-confirm = { $role ->
    [mentor] You are asked to be a mentor. Please confirm you are ready:
   *[mentee] You are offered mentoring. Please confirm you take part:
}
mentorship-confirm-reminder = { $role ->
    [mentor] Reminder: a mentorship is waiting for your confirmation as the mentor.
   *[mentee] Reminder: a mentorship is waiting for your confirmation.
}
mentorship-btn-confirm = ✅ I confirm
mentorship-btn-decline = ✖ Decline
mentorship-btn-approve = ✅ Approve
mentorship-btn-reject = ✖ Reject
mentorship-proposal-new = 📨 A mentor proposes a mentoring pair. Approve or reject:
mentorship-proposal-approved = A coordinator approved your proposal. The mentee has been asked to confirm.
mentorship-proposal-rejected = A coordinator rejected your mentoring proposal.
mentorship-started = { $role ->
    [mentor] 🟢 The mentorship has started: everyone confirmed. Log meetings with /meet; the development plan is in /mentorships.
    [mentee] 🟢 The mentorship has started: everyone confirmed. The development plan and meetings are in /mentorships.
   *[other] 🟢 The pair (group) you formed has started: everyone confirmed.
}
mentorship-declined = ✖ { $name } declined. The mentorship will not take place.
mentorship-ended-completed = ✅ The mentorship is completed.
mentorship-ended-stopped = ⏹ The mentorship was stopped early. Reason: { $reason }
mentorship-confirmed = Thank you, confirmed. Waiting for the others.
mentorship-now-active = Everyone confirmed — the mentorship has started!
mentorship-you-declined = You declined.
mentorship-approved = Proposal approved; the mentee has been asked to confirm.
mentorship-rejected = Proposal rejected.

mentorship-btn-meetings = 📅 Meetings
mentorship-btn-end = ⏹ End the mentorship
mentorship-btn-write = { $to ->
        [mentor] ✉ Write to my mentor
        [mentee] ✉ Write to my mentee
       *[group] ✉ Write to the group
    }
pair-talk-prompt = Write a message for { $name } — I will pass it on through the bot; nobody sees your Telegram account. A photo or a file works too. When you are done, press «Done».
pair-talk-sent = ✓ Passed on: { $name }. Write more or press «Done».
pair-talk-done = All right. To write again, open the pair's card: /mentorships.
pair-talk-from-mentor = ✉ A message from your mentor ({ $name }):

    { $text }
pair-talk-from-mentee = ✉ A message from your mentee ({ $name }):

    { $text }
pair-talk-file-from-mentor = ✉ A file from your mentor ({ $name }):
pair-talk-file-from-mentee = ✉ A file from your mentee ({ $name }):
pair-talk-btn-reply = ↩ Reply
pair-talk-not-active = Writing through the bot works while the pair or group runs, and this one is not active now.
pair-talk-unreachable = The message would not arrive now: the other side cannot be reached in the bot (deleted the account or stopped the bot).
pair-talk-empty = An empty message cannot be passed on: write some text or send a file.
mentorship-btn-feedback = ⭐ Leave feedback
mentorship-end-ask = How does the mentorship end?
mentorship-btn-completed = ✅ Completed: goals reached
mentorship-btn-stopped = ⏹ Stop early
mentorship-end-confirm-completed = End the mentorship? Participants will be asked for final feedback, and no more meetings can be logged.
mentorship-end-ask-reason = Briefly write why it stops early (participants and the coordinator will see it):
mentorship-end-confirm-stopped =
    Stop the mentorship early?
    Reason: { $reason }
mentorship-btn-end-yes = Yes, end it
mentorship-ended-done = The mentorship has ended. Participants were asked for feedback.
mentorship-end-requested = The request went to the mentees and the coordinator. Until one of them confirms, the mentorship stays active.
mentorship-end-pending = ⏳ The mentor has proposed to end the mentorship; waiting for a mentee's or the coordinator's confirmation.
mentorship-end-ask-mentee = { $outcome ->
    [stopped] { $name } proposes to stop the mentorship early.
   *[other] { $name } proposes to end the mentorship: its goals are reached.
} Do you agree?
mentorship-end-ask-coordinator = { $outcome ->
    [stopped] { $name } proposes to stop the mentorship early.
   *[other] { $name } proposes to end the mentorship: its goals are reached.
} The mentees got the request too; any of you can confirm.
mentorship-end-request-reason = Reason: { $reason }
mentorship-btn-end-confirm = ✅ Confirm the end
mentorship-btn-end-decline = ✖ Let us go on
mentorship-end-declined = { $name } wants to go on with the mentorship; it stays active. If it must end anyway, ask the coordinator.
mentorship-end-you-confirmed = The mentorship has ended. Thank you!
mentorship-end-you-declined = All right, the mentorship goes on. The mentor will get your answer.
mentorship-end-already-requested = The request to end it has been sent already: waiting for a mentee's or the coordinator's confirmation.
mentorship-end-not-requested = There is no request to end it (or it has been answered).
mentorship-end-not-yourself = Your own request to end it is confirmed by a mentee or the coordinator.
mentorship-end-decline-mentee-only = Only a mentee can decline the request.

mentorship-feedback-ask = Please rate the mentorship as a whole — from 1 (did not help at all) to 5 (helped a lot):
mentorship-rating = { $rating } ★
mentorship-feedback-thanks = Thank you for the rating!
mentorship-feedback-ask-comment = Your rating: { $rating } of 5. Would you add a few words — what worked, what did not? Write a message or press “Skip”.
mentorship-btn-skip = Skip
mentorship-feedback-saved = Thank you! Feedback saved.

mentorship-nudge = 👋 No meetings logged since { $since } ({ $mentees }) — { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} already. If you met, log it — it takes a minute.

mentorship-nudge-many = 👋 No meetings logged in these pairs for { $weeks ->
    [one] { $weeks } week
   *[other] { $weeks } weeks
} or more:
    { $pairs }
    If you met, log it — it takes a minute.
mentorship-nudge-line = • { $mentees } — since { $since }
mentorship-nudge-log-for = 📝 { $mentees }

mentorship-not-proposed = This mentorship is no longer waiting for confirmation.
mentorship-already-confirmed = You have already confirmed.
mentorship-already-decided = This proposal has already been decided.
mentorship-approve-own = Your own proposal is decided by another coordinator.
mentorship-not-active = The mentorship is not active (ended or not started yet) — this is not available.
mentorship-one-mentee = This form of mentoring has exactly one mentee.
mentorship-group-size = A group has 2 to { $max } mentees.
mentorship-mentees-count = From 1 to { $max } mentees.
mentorship-self = A mentor cannot be their own mentee.
mentorship-not-a-mentor = This participant has no mentor role. A coordinator grants it in /participants.
mentorship-not-a-mentee = This participant is not registered as a mentee.
mentorship-not-a-teacher = In a reverse pair the one mentored must be a teacher of your organization.
mentorship-other-organization = You can propose mentoring only to a colleague of your own organization.
mentorship-duplicate = { $name } is already in a pair (group) with this mentor.
mentorship-bad-start = The start date must be within a year of today.
mentorship-bad-end = The planned end must be after the start and within three years of it.
mentorship-bad-reason = Please write a reason of { $min } to { $max } characters.
mentorship-end-mentor-only = Only the mentor or a coordinator can end a mentorship.
mentorship-feedback-not-ended = Feedback can be left once the mentorship has ended.
mentorship-feedback-given = You have already left feedback on this mentorship. Thank you!

## /pairs — coordinators

pairs-home =
    <b>Mentoring pairs and groups</b>
    Active: { $active }
    Waiting for the participants' confirmation: { $proposed }
    Mentors' proposals to approve: { $requested }
    Ended: { $ended }
    Mentors over capacity: { $over }
    Mentees without a mentor: { $free }
    Disputed meeting entries: { $disputed }
pairs-btn-new = ➕ Form a pair or group
pairs-btn-list = 📋 All pairs and groups
pairs-btn-proposals = 📨 Mentors' proposals ({ $count })
pairs-btn-over = ⚠ Over capacity ({ $count })
pairs-btn-free = 👤 Without a mentor ({ $count })
pairs-btn-disputes = ⚖ Disputed meetings ({ $count })
pairs-btn-totals = 📊 Meetings and hours
pairs-btn-home = ◀ To pairs and groups
pairs-list-title = Pairs and groups: { $total } (page { $page } of { $pages })
pairs-list-empty = Nothing found.
pairs-filter-form = Form: { $value } ▸
pairs-filter-status = Status: { $value } ▸
pairs-filter-org = Organization: { $value } ▸
pairs-status-current = current
pairs-status-requested = to approve
pairs-status-proposed = waiting for confirmation
pairs-status-active = active
pairs-status-ended = ended
pairs-over-title = Mentors with more mentees than they are ready to take: { $count }
pairs-over-row = { $name } — { $load } with capacity { $capacity }
pairs-free-title = Mentees without a mentor: { $count }
pairs-free-hint = Press a name to find a mentor.
pairs-disputes-title = Disputed meeting entries: { $count }

pair-ask-form = Which form of mentoring?
pair-ask-mentee = Choose the mentee (page { $page } of { $pages }). Those without a mentor come first. Type part of a surname to search.
pair-ask-mentee-reverse = Reverse mentoring: you mentor a more experienced colleague (for instance in digital technologies). Choose a teacher of your organization (page { $page } of { $pages }). Type part of a surname to search.
pair-ask-mentees-many = Tick the mentees (page { $page } of { $pages }) and press “Done”. Type part of a surname to search.
pair-btn-mentees-done = Done ({ $count } chosen)
pair-search-active = Search: “{ $search }”
pair-nobody-found = Nobody found.
pair-ask-mentor = <b>Suitable mentors</b> — by the mentee's needs, workplace and load:
pair-no-suggestions = No mentor fits the profile — choose from all mentors.
pair-suggestion = { $index }. { $name } — { $organization }: { $reasons }
pair-reason-topic = need “{ $topic }”
pair-reason-words = matches: { $words }
pair-reason-same-organization = same organization
pair-reason-same-municipality = same municipality
pair-reason-network = network mentoring
pair-reason-free = free places: { $free }
pair-btn-all-mentors = All mentors
pair-btn-suggestions = ⭐ Suitable mentors
pair-ask-mentor-all = All mentors of your scope (page { $page } of { $pages }); in brackets — mentees now / ready to take. Type part of a surname to search.
pair-mentor-row = { $name } — { $organization } ({ $load }/{ $capacity })
pair-ask-element = Element of the mentoring model:
pair-ask-role-model = Role model:
pair-ask-start = When does the mentorship start? Choose or type a date (DD.MM.YYYY).
pair-start-today = Today
pair-start-monday = From Monday
pair-start-september = From 1 September
pair-ask-end = Planned end? Choose or type a date (DD.MM.YYYY).
pair-end-months = In { $months } months
pair-end-may = Until 31 May
pair-summary-title = <b>Please check:</b>
pair-over-capacity = ⚠ The mentor will have { $load } mentees while ready to take { $capacity }.
pair-create-note = The mentor and the mentees will be asked to confirm; the mentorship starts when everyone has.
pair-propose-note = The proposal goes to a coordinator for approval, then to the mentee for confirmation.
pair-btn-create = ✅ Form it
pair-btn-propose = ✅ Send the proposal
pair-created = Done. The mentor and the mentees have been asked to confirm.
pair-proposed = The proposal has been sent to a coordinator. Once approved, the mentee will be asked.
pair-btn-open = Open the card

## The meeting log

meeting-status-logged = logged, waiting for confirmation
meeting-status-confirmed = confirmed
meeting-status-disputed = disputed
meeting-status-deleted = deleted
meeting-duration = { $hours ->
    [0] { $minutes } min
   *[other] { $minutes ->
        [0] { $hours } h
       *[other] { $hours } h { $minutes } min
    }
}
meeting-describe =
    Date: { $date }, { $duration }, { $format }
    Topic: { $topic }
    Outcome: { $outcome }
    Mentor: { $mentor }
    Present: { $attendees }
meeting-line = { $icon } { $date } · { $duration } · { $topic }
meeting-card-title = <b>Meeting</b> { $icon } { $status }
meeting-answers = Mentees' answers:
meeting-editable-until = The mentor can change the entry until { $until }.
meeting-locked-note = 🔒 The entry is locked: 7 days have passed.
meeting-history = <b>History:</b>
meeting-history-line = { $at } — { $who }: { $action } ({ $fields })
meeting-history-event = { $at } — { $who }: { $action }
meeting-history-reason = reason: “{ $reason }”
meeting-action-created = entry created
meeting-action-edited = changed
meeting-action-deleted = entry deleted
meeting-action-confirmed = confirmed
meeting-action-disputed = disputed
meeting-action-kept = a coordinator kept the entry
meeting-action-voided = a coordinator voided the entry
meeting-field-held_on = Date
meeting-field-duration_minutes = Duration
meeting-field-format = Format
meeting-field-topic = Topic
meeting-field-outcome = Outcome
meeting-field-attendees = Present

meeting-ask-mentorship = Whom did you meet?
meeting-ask-date =
    Meeting: { $mentorship }
    When was it?
meeting-draft-kept = 📝 The meeting entry is not finished: I have kept it. To go on from where you stopped, send /meet.
meeting-draft-resumed = 📝 Going on with the meeting entry from where you stopped. To start over: "Cancel", then /meet.
meeting-draft-gone = The unfinished meeting entry cannot be continued: the mentorship is no longer active. Let us start a new one.
meeting-date-today = Today, { $date }
meeting-date-yesterday = Yesterday, { $date }
meeting-ask-date-typed = Choose a date or type it (DD.MM). A meeting can be logged up to { $days ->
    [one] { $days } day
   *[other] { $days } days
} back.
meeting-date-since-start = Not before the mentorship started: { $start }.
meeting-date-not-started = The mentorship starts on { $start }. Meetings can be logged from that day on.
meeting-ask-duration = How long was the meeting? Choose or type the minutes ({ $min } to { $max }), e.g. 50 or 1:30.
meeting-ask-format = Format of the meeting:
meeting-ask-topic = Topic of the meeting? Keep it short.
meeting-ask-topic-plan = Topic of the meeting? Keep it short, or choose a step of the development plan.
meeting-ask-outcome = What did you do, what came out of it? Write it or press “Skip”.
meeting-btn-skip = Skip
meeting-ask-attendees = Which mentees were present?
meeting-summary-title = <b>Check the entry:</b>
meeting-btn-save = ✅ Save
meeting-saved = The meeting is logged. The mentees have been asked to confirm.
meeting-saved-short = Logged
meeting-btn-open = Open the entry
meeting-btn-another = 📝 Log another one
meeting-btn-log = 📝 Log a meeting
meeting-btn-mine = 📋 My entries
meeting-no-mentorships = You have no active mentoring pairs. Coordinators form them; you can propose mentoring to a colleague in /mentorships. A flash mentoring meeting is logged in the session itself (/offers) once it has taken place.
meeting-none-yet = No meetings logged yet.
meeting-mine-title =
    <b>My meeting entries</b>
    In total: { $meetings }, { $duration } (confirmed: { $confirmed })
meeting-ask-confirm = A new meeting entry from your mentor { $mentor }. Is it right?
meeting-ask-edited = Your mentor { $mentor } changed a meeting entry. Please confirm again:
meeting-ask-reminder = Reminder: please confirm the meeting entry (mentor { $mentor }).
meeting-btn-confirm = ✅ Yes, that's right
meeting-btn-dispute = ✖ Wrong / did not happen
meeting-you-confirmed = Thank you, the meeting is confirmed.
meeting-you-disputed = The entry is disputed. A coordinator will look into it.
meeting-dispute-ask = What is wrong with the entry? Write it briefly in one message (up to { $max } characters): the mentor and the coordinator will see the reason. You can also go without one: press "Dispute without a reason".
meeting-btn-dispute-skip = Dispute without a reason
meeting-dispute-cancelled = All right, the entry is not disputed. You can still answer with the buttons of the meeting's message.
meeting-dispute-reason-empty = Write the reason in words or press "Dispute without a reason".
meeting-dispute-reason = Reason: “{ $reason }”
meeting-disputed-mentor = ⚠ { $name } disputes a meeting entry. A coordinator will look into it; if the entry is wrong, correct it (within 7 days of logging).
meeting-disputed-coordinator = ⚖ A meeting entry is disputed ({ $name }). Keep it or void it?
meeting-btn-keep = ✅ Keep
meeting-btn-void = 🗑 Void
meeting-kept = The entry is kept.
meeting-voided = The entry is voided.
meeting-resolved-kept = A coordinator looked into the dispute and kept the meeting entry.
meeting-resolved-voided = A coordinator looked into the dispute and voided the meeting entry.
meeting-btn-edit = ✏ Edit
meeting-btn-delete = 🗑 Delete
meeting-ask-field = What to change? The mentees will be asked to confirm again.
meeting-edited = Changed. The mentees were asked to confirm again.
meeting-delete-ask = Delete the meeting entry of { $date }? The history keeps a note of the deletion.
meeting-btn-delete-yes = Yes, delete
meeting-deleted-done = Deleted
meeting-deleted-text = The meeting entry of { $date } is deleted.

meeting-bad-duration = The duration is a number of minutes from { $min } to { $max }, e.g. 45, 90 or 1:30.
meeting-date-future = A meeting cannot be in the future. Log it once it has taken place.
meeting-date-before-start = A meeting cannot be dated before the mentorship's start ({ $start }).
meeting-date-too-old = A meeting older than { $days ->
    [one] { $days } day
   *[other] { $days } days
} cannot be logged — please ask your coordinator.
meeting-bad-topic = The topic must have { $min } to { $max } characters.
meeting-no-attendees = Tick at least one mentee.
meeting-not-your-mentorship = Only the mentor of this pair can log its meetings.
meeting-mentor-only = Only the mentor who logged the entry can change it.
meeting-deleted = This entry is deleted.
meeting-locked = The entry is locked: 7 days have passed. Ask your coordinator if it needs a correction.
meeting-already-answered = You have already answered that.
meeting-not-your-meeting = Only someone who was at the meeting can confirm or dispute it.
meeting-not-disputed = This entry is not disputed (or the dispute is already decided).
meeting-resolve-own = A dispute about a meeting you took part in is decided by another coordinator.
meeting-nothing-changed = Nothing changed.

## Totals

totals-title = <b>Meetings and hours</b>: { $period } ({ $since } — { $until })
totals-title-all = <b>Meetings and hours</b> of all time
totals-overall = In total: { $meetings } meetings, { $duration } (confirmed: { $confirmed })
totals-by = <b>{ $group }:</b>
totals-row = { $name } — { $meetings }, { $duration } (✅ { $confirmed })
totals-empty = No meetings in this period.
totals-more = …and { $count } more
totals-group-organization = Organizations
totals-group-municipality = Municipalities
totals-group-mentor = Mentors
totals-group-month = Months
totals-period-month = This month
totals-period-last_month = Last month
totals-period-school_year = School year
totals-period-all = All time

## Development plan

plan-title = <b>Individual development plan</b> ({ $done } of { $total } done)
plan-empty = No goals yet. The mentor adds goals and steps with due dates; the mentor and the mentees tick off what is done.
plan-goal-line = 🎯 <b>{ $title }</b> ({ $done }/{ $total })
plan-step-line = { $mark } { $title } — by { $due }{ $overdue ->
    [yes] {" "}⚠ overdue
   *[no] {""}
}
plan-goal-button = 🎯 { $title } ({ $done }/{ $total })
plan-goal-title = 🎯 <b>{ $title }</b>
plan-goal-empty = No steps yet.
plan-btn-add-goal = ➕ Goal
plan-btn-add-step = ➕ Step
plan-btn-delete-goal = 🗑 Delete the goal
plan-btn-delete-goal-yes = Yes, delete the goal
plan-delete-goal-ask = Delete the goal “{ $title }” with its steps ({ $steps })?
plan-btn-open = 🎯 Development plan
plan-btn-mark-done = ☑ Done
plan-ask-goal = Write the goal (e.g. “Master formative assessment”):
plan-ask-step = Write a step towards the goal (e.g. “Attend three of the mentor's lessons”):
plan-ask-due = Due date? Choose or type a date (DD.MM.YYYY).
plan-due-in-days = In { $days ->
    [one] { $days } day
   *[other] { $days } days
}
plan-goal-added = Goal added.
plan-step-added = Step added.
plan-step-deleted = Step deleted.
plan-goal-deleted = Goal deleted.
plan-step-done = Marked as done.
plan-step-undone = Mark removed.
plan-step-already-done = This step is already marked as done.
plan-step-overdue = ⏰ A step of the development plan is overdue: “{ $step }” (goal “{ $goal }”, due { $due }). If it is done, tick it off.
plan-bad-title = Please use { $min } to { $max } characters.
plan-due-past = A due date cannot be in the past.
plan-due-too-far = A due date must be within three years, until { $last }.
plan-too-many-goals = A plan has at most { $max } goals.
plan-too-many-steps = A goal has at most { $max } steps.
plan-mentor-only = The mentor changes the plan; the mentor and the mentees tick off what is done.
plan-members-only = Only the participants of this pair can tick off steps.

## The mentor's record (file)

record-title = Record of mentoring activity
record-sheet-summary = Summary
record-sheet-mentorships = Pairs and groups
record-sheet-meetings = Meetings
record-sheet-feedback = Feedback
record-name = Mentor
record-organization = Organization
record-municipality = Municipality
record-generated = Exported on
record-mentorships = Pairs and groups
record-mentees = Mentees
record-meetings = Meetings
record-hours = Hours
record-confirmed-meetings = Of them confirmed by mentees
record-flash-meetings = Flash sessions
record-flash-hours = Hours of flash sessions
record-feedback-count = Mentees' feedback
record-average-rating = Average rating (of 5)
record-col-mentees = Mentees
record-col-form = Form
record-col-element = Model element
record-col-role-model = Role model
record-col-status = Status
record-col-start = Start
record-col-end = End
record-col-meetings = Meetings
record-col-hours = Hours
record-col-confirmed = Confirmed
record-col-date = Date
record-col-minutes = Minutes
record-col-format = Format
record-col-topic = Topic
record-col-outcome = Outcome
record-col-rating = Rating
record-col-comment = Comment
record-flash-session = flash session
record-caption = Your mentoring record: { $meetings } meetings, { $duration } in total, { $mentees } mentees.
