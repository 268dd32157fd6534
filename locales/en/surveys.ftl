## Surveys: the respondent

survey-anonymous-notice = 🔒 This survey is anonymous: answers are stored without your name and without any link to you. While you fill it in, your answers are kept as your draft so that you can continue later; on submitting, the draft is deleted and the answers can no longer be linked to you. The coordinator sees only totals.
survey-named-notice = 👤 This survey is not anonymous: the coordinator will see your answers with your name and organization.
survey-invitation =
    📋 New survey: <b>{ $title }</b>

    { $intro }

    Answers are accepted until { $closes } inclusive.
    { $privacy }
survey-reminder = ⏰ Reminder: the survey "{ $title }" is waiting for your answers. Answers are accepted until { $closes } inclusive.
survey-reminder-started = ⏰ Reminder: you have started the survey "{ $title }" — { $answered } of { $total } answered. Continue where you left off; answers are accepted until { $closes } inclusive.
btn-survey-start = ▶ Start the survey
btn-survey-continue = ▶ Continue the survey
btn-survey-open = ▶ { $title }
btn-survey-open-continue = ▶ Continue: { $title }

survey-list-title = Your surveys:
survey-list-row = • <b>{ $title }</b> — until { $closes }: { $status }
survey-list-empty = No surveys are open for you now. When a coordinator starts one, it will come here.
survey-state-new = not started
survey-state-progress = { $answered } of { $total } answered
survey-state-done = ✅ answers sent

survey-intro =
    📋 <b>{ $title }</b>

    { $intro }

    { $privacy }

    { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }, answers are accepted until { $closes } inclusive. You can stop at any moment — your answers are kept; continue with /surveys.
survey-resumed = Continuing where you left off.
survey-question-header = <i>{ $section }</i> · question { $number } of { $total }
survey-hint-single = Choose one option.
survey-hint-yesno = Choose "Yes" or "No".
survey-hint-multi = Tick the options that apply (at most { $max }) and press "Done".
survey-hint-multi-any = Tick the options that apply and press "Done".
survey-hint-scale = Rate from 1 to { $max } with a button, or type the number.
survey-hint-number = Type a number from { $min } to { $max }.
survey-hint-integer = Type a whole number from { $min } to { $max }.
survey-hint-text = Type your answer in one message (up to { $max } characters).
survey-optional = This question is optional — you may skip it.
survey-current-answer = Current answer: { $answer }
survey-answered =
    ✓ { $question }
    → { $answer }
btn-survey-skip = Skip ⏭
btn-survey-keep = Keep the answer ▶
btn-survey-later = ⏸ Continue later
btn-survey-done = Done ✅
btn-survey-submit = ✅ Send the answers
btn-survey-change = ✏ Change an answer

survey-summary-title = Check your answers to "{ $title }" before sending:
survey-summary-row =
    { $number }. { $question }
       → { $answer }
survey-choose-to-change = Which answer do you want to change? Press the question's number.
survey-paused = Your answers are saved. Continue any time until { $closes } inclusive — with the button below or with /surveys.
survey-submitted = Thank you! Your answers have been sent to the coordinator.
survey-submitted-anonymous = Thank you! Your answers are stored anonymously: the draft is deleted and the answers cannot be linked to you.

## Surveys: what went wrong for the respondent

survey-closed = This survey no longer accepts answers — it has closed.
survey-not-found = This survey is not addressed to you or is no longer available.
survey-already-submitted = You have already sent your answers to this survey — thank you! One set of answers per person is accepted.
survey-stale-question = This button belongs to another question. Your answers are safe — carry on from the survey's latest message or open it again with /surveys.
survey-at-summary = All questions are done: check your answers and press "Send the answers" (or "Back" to change something).
survey-use-buttons = This question is answered with the buttons under it.
survey-answer-required = This question is required — it cannot be skipped.
survey-answer-invalid = This answer does not fit the question.
survey-answer-empty = The answer is empty. Type an answer or choose an option.
survey-answer-too-long = The answer is too long: { $length } characters, at most { $max_length } are allowed. Your text is still in the chat above — shorten it and send it again.
survey-answer-not-a-number = A number is needed, for example 12 or 3.5.
survey-answer-not-an-integer = A whole number is needed, for example 12.
survey-answer-out-of-range = The number must be from { $min } to { $max }.
survey-answer-unknown-option = There is no such option: "{ $option }". Choose an option with a button.
survey-answer-too-many-choices = At most { $max_choices } can be ticked — untick one first.

## Survey campaigns: the coordinator

campaigns-title = Survey campaigns: { $total } (page { $page } of { $pages })
campaigns-row = { $status } { $title } · { $opens }
campaigns-empty = No campaigns yet. Start the first one with the button below.
campaign-icon-scheduled = 🕓
campaign-icon-open = 🟢
campaign-icon-closed = ⏹
campaign-status-scheduled = scheduled
campaign-status-open = running
campaign-status-closed = closed
campaign-anonymous = anonymous
campaign-named = named
btn-campaign-new = ➕ New campaign
btn-campaign-schedules = 🔁 Periodic campaigns
btn-campaign-list = ◀ To the campaigns
btn-campaign-open = 📋 Open the campaign
btn-campaign-results = 📊 Results
btn-campaign-xlsx = 📄 XLSX
btn-campaign-charts = 📈 Charts
btn-campaign-breakdown-m = by municipality
btn-campaign-breakdown-o = by organization
btn-campaign-breakdown-n = no breakdown
btn-campaign-close = ⏹ Close early
btn-campaign-close-yes = Yes, close it now
btn-campaign-launch = 🚀 Launch
btn-campaign-next = Next ▶
campaign-card =
    📋 <b>{ $title }</b> (version { $version }, { $kind })
    Status: { $status }
    Opens: { $opens } · answers until { $closes } inclusive
campaign-card-preview = Will receive the survey when it opens: about { $count } people.
campaign-card-counts = Invited: { $invited } · answered: { $submitted } ({ $percent }%) · started, not finished: { $in_progress }
campaign-reminders = Reminders to those who have not answered: every { $days ->
        [one] { $days } day
       *[other] { $days } days
    }, at most { $times ->
        [one] once
       *[other] { $times } times
    }, until the campaign closes.
campaign-reminders-off = There will be no reminders.
campaign-close-ask = Close the campaign "{ $title }" now? No more answers will be accepted; surveys started and not sent will not count.
campaign-closed-now = The campaign is closed.
survey-not-owner = Only the coordinator who launched a campaign can close it.
survey-already-closed = The campaign is already closed.

campaign-ask-template = Choose a survey:
campaign-template-row = { $title } ({ $kind })
campaign-audience =
    Who gets the survey "{ $title }":

    Roles: { $roles }
    Categories: { $categories }
    Mentoring forms: { $forms }
    Experience: { $cohorts }
    Municipalities: { $municipalities }
    Organizations: { $organizations }

    Would receive it now: { $count ->
        [one] { $count } person
       *[other] { $count } people
    } (only within your scope).
survey-audience-empty = Nobody is in the chosen audience. Change the recipients.
survey-template-unknown = This survey no longer exists.

campaign-ask-opens = When should the campaign open? Choose, or type a date (DD.MM.YYYY).
btn-campaign-opens-0 = Today
btn-campaign-opens-1 = Tomorrow
btn-campaign-opens-7 = In a week
campaign-ask-closes = Opens: { $opens }. Until which day are answers accepted? Choose a period or type a date (DD.MM.YYYY).
btn-campaign-closes-after = { $days ->
        [one] { $days } day
       *[other] { $days } days
    } (until { $date })
survey-opens-in-past = This date has passed. Choose today or later.
survey-opens-too-far = A survey can open at most { $max_days } days ahead. Choose an earlier day.
survey-closes-before-opening = The closing date is before the opening date. Choose a later date.
survey-too-long = Too long: a campaign can run for at most { $max_days } days.
campaign-confirm =
    Check and launch:

    Survey: <b>{ $title }</b> (version { $version }, { $kind })
    Roles: { $roles }
    Categories: { $categories }
    Mentoring forms: { $forms }
    Experience: { $cohorts }
    Municipalities: { $municipalities }
    Organizations: { $organizations }
    Recipients: { $count }
    Opens: { $opens }
    Answers until: { $closes } inclusive
    { $reminders }

    The campaign keeps this version of the survey: if the survey file changes, a running campaign is not affected.
campaign-launched =
    🚀 The campaign "{ $title }" is launched.
    Opens: { $opens } — then participants get the survey (about { $count } people).
    Answers until { $closes } inclusive.
campaign-notify-opened = 🟢 The campaign "{ $title }" is open: the survey was sent to { $count } participants. Answers until { $closes } inclusive.
campaign-notify-closed = ⏹ The campaign "{ $title }" is closed: { $submitted } of { $invited } answered ({ $percent }%). The results are on the campaign's card.

## Periodic campaigns

schedules-title = Periodic campaigns:
schedules-row = • <b>{ $title }</b>: { $months }, { $days } days each; next — { $next }
schedules-empty = None yet. For example, monitoring twice a year — in November and May.
btn-schedule-new = ➕ New periodic campaign
btn-schedule-stop = ⏹ Stop: { $title }
schedule-ask-months = In which months should the campaign run? It opens on the 1st of every ticked month.
schedule-ask-duration = For how many days should answers be accepted each time?
btn-schedule-duration = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
schedule-confirm =
    Check and launch:

    Survey: <b>{ $title }</b> (version { $version }, { $kind })
    Roles: { $roles }
    Categories: { $categories }
    Mentoring forms: { $forms }
    Experience: { $cohorts }
    Municipalities: { $municipalities }
    Organizations: { $organizations }
    Currently { $count } people
    Months: { $months } (from the 1st)
    Answers accepted for: { $days } days

    Each time the current version of the survey and the current participants are taken.
schedule-created = 🔁 The periodic campaign "{ $title }" is set up. The first one opens { $next }.
schedule-launched = 🔁 The periodic campaign "{ $title }" has started: the survey goes to { $count } participants. Answers until { $closes } inclusive.
schedule-skipped = 🔁 The periodic campaign "{ $template }" did not start this time: { $reason } Next — { $next }.
survey-schedule-no-months = Tick at least one month.
survey-schedule-stopped = This periodic campaign is already stopped.
survey-schedule-owner-gone = the person who set it up is no longer a coordinator; the schedule is stopped.
survey-month-1 = January
survey-month-2 = February
survey-month-3 = March
survey-month-4 = April
survey-month-5 = May
survey-month-6 = June
survey-month-7 = July
survey-month-8 = August
survey-month-9 = September
survey-month-10 = October
survey-month-11 = November
survey-month-12 = December

## Results

survey-results-title =
    📊 <b>{ $title }</b> (version { $version })
    { $opens } — { $closes } · { $status }
survey-results-rate = Answered: { $responses } of { $audience } ({ $percent })
survey-results-previous = Previous campaign ({ $date }): { $percent }, change { $delta } pp
survey-results-previous-entry = Compared with the entry questionnaire "{ $title }" ({ $date }): { $percent } answered, change { $delta } pp; the growth on shared questions is in brackets.
survey-results-by-municipality = By municipality:
survey-results-by-organization = By organization:
survey-results-group-rate = • { $group }: { $responses } of { $audience } ({ $percent })
survey-results-group-other = Other (small groups)
survey-results-question = <b>{ $number }. { $question }</b> (answered: { $answered })
survey-results-option = • { $option } — { $share }{ $delta }
survey-results-mean = • mean: { $mean }{ $delta }
survey-results-number-range = • median { $median }, from { $min } to { $max }
survey-results-texts = • written answers: { $count } (read them in the XLSX)
survey-results-none-yet = No answers yet.
survey-results-too-few = Fewer than { $min } answers to an anonymous survey in your scope: to keep them anonymous the answers are not shown — only the number of respondents.
survey-results-seen-above-municipality = The summary can be seen at the level of the municipality “{ $name }”: it has { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    }. Its coordinator can show it.
survey-results-seen-above-region = The summary can be seen at the level of the region “{ $name }”: it has { $count ->
        [one] { $count } answer
       *[other] { $count } answers
    }. The regional coordinator can show it.
survey-results-seen-nowhere = The levels above also have fewer than { $min } answers so far: the summary appears once more people answer.
survey-results-named = 👤 <b>Answers by person</b> — the survey is not anonymous, the answers are signed:
survey-results-named-person = <b>{ $name }</b>, { $organization }
survey-results-named-answer = { $number }. { $question } — { $answer }
survey-results-named-more = The first { $shown } are shown — the other answers are in the XLSX.
survey-results-anonymous-groups = The survey is anonymous: organizations and municipalities with fewer than { $min } respondents are merged into "Other".
survey-results-xlsx-caption = 📄 { $title }: { $responses } answers
survey-results-chart-now = now
survey-results-chart-previous = previous campaign
survey-results-chart-answered = answered
survey-results-chart-rate = Response rate
