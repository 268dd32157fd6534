## Flash mentoring: asking for help

flash-ask-intro = ⚡ <b>Flash mentor</b> — one-off help with a concrete question. Answer four short questions and I will find a mentor who knows your topic.
flash-ask-topic = What do you need help with? Pick an area (⭐ — from your profile) or a school subject.
flash-ask-subject = Pick a subject:
flash-ask-description = Topic: <b>{ $topic }</b>

    Describe your question in your own words — briefly, two or three sentences (up to { $max } characters). For example: "How to explain adding fractions with different denominators in grade 5".
flash-ask-description-now = Now: "{ $value }". Send a new text or press Back.
flash-ask-format = How would you like to meet?
flash-ask-timing = When do you need help?
flash-ask-cancelled = The request was not sent. You can come back to it at any time: /flash
flash-summary-title = <b>Check your request:</b>
flash-summary-hint = All correct? Press Send or change what is needed.

flash-btn-subjects = 📚 A school subject…
flash-btn-send = ✅ Send
flash-btn-edit-topic = ✏ Topic
flash-btn-edit-description = ✏ Description
flash-btn-edit-format = ✏ Format
flash-btn-edit-timing = ✏ When

flash-format-online = Online
flash-format-offline = In person
flash-format-any = Either
flash-timing-today = Today
flash-timing-week = This week
flash-timing-flexible = No rush

flash-line-topic = Topic: { $value }
flash-line-description = Question: { $value }
flash-line-format = Format: { $value }
flash-line-timing = When: { $value }
flash-line-from = Asked by: { $value }
flash-line-why = Why you: { $value }
flash-line-mentor = Mentor: { $value }
flash-line-time = Meeting time: { $value }
flash-line-proposed = Proposed times:
flash-line-requester = Request: { $name }, { $organization }
flash-young-specialist = young specialist

flash-description-short = Please describe the question a little more — at least { $min } characters, so a mentor understands what it is about.
flash-description-long = Too long: { $length } characters, at most { $max }. Please shorten it — details can be discussed with the mentor.
flash-choice-unknown = There is no such option. Please use the buttons.
flash-topic-unknown = There is no such topic. Pick the topic again: /flash
flash-not-active = Requests for help are available once a coordinator has approved your registration.
flash-too-many = You already have { $max } active requests. Wait for an answer or cancel one of them in /requests.

flash-sent-alert = Request sent
flash-sent-offered = ⚡ Request #{ $id } was sent to { $count ->
    [one] { $count } mentor
   *[other] { $count } mentors
}. As soon as one agrees, I will send you their card here. Follow the request: /requests
flash-sent-escalated = Request #{ $id } was sent. No free mentor for this topic right now, so I passed the request to a coordinator, who will find a mentor. Follow the request: /requests
flash-sent-nobody = Request #{ $id } was sent, but there are no suitable free mentors right now and your organization has no coordinator in the bot. The request stays open until its deadline in case someone becomes free. /requests

## Statuses and history

flash-status-draft = draft
flash-status-open = looking for a mentor
flash-status-offered = waiting for mentors
flash-status-matched = mentor found
flash-status-scheduled = meeting scheduled
flash-status-completed = completed
flash-status-cancelled = cancelled
flash-status-expired = expired

flash-history-title = <b>History:</b>
flash-history-line = { $at } — { $status } { $why }
flash-by-submitted = (sent)
flash-by-wave = (offered to mentors)
flash-by-accepted = (a mentor agreed)
flash-by-assigned = (mentor assigned by a coordinator)
flash-by-scheduled = (time agreed)
flash-by-rescheduled = (time changed)
flash-by-not-held = (the meeting did not take place)
flash-by-held = (the meeting took place)
flash-by-requester = (cancelled by you)
flash-by-requester-deleted = (the author deleted the account)
flash-by-mentor-left = (the mentor deleted the account)
flash-by-deadline = (nobody answered in time)
flash-by-abandoned = (the draft was never sent)
flash-by-no-time = (no time was agreed)
flash-by-unconfirmed = (nobody confirmed the meeting)

flash-now-draft = This request has not been sent yet.
flash-now-open = This request is still looking for a mentor.
flash-now-offered = This request is still waiting for mentors to answer.
flash-now-matched = A mentor is already working on this request.
flash-now-scheduled = A meeting is already scheduled for this request.
flash-now-completed = This request is already completed.
flash-now-cancelled = This request was cancelled.
flash-now-expired = This request has expired.
flash-not-found = The request was not found or is not available to you.

## /requests

flash-requests-empty = You have no requests for help yet. Ask for help: /flash
flash-requests-title = <b>My requests for help</b>
flash-requests-going = In progress: { $count }
flash-requests-done = Finished (latest): { $count }
flash-requests-row = #{ $id } · { $topic } · { $status }
flash-card-title = <b>Request #{ $id }</b> — { $status }
flash-btn-cancel-request = ✖ Cancel request
flash-btn-my-requests = My requests
flash-cancel-confirm = Cancel request #{ $id }? Mentors it was offered to will see that it is cancelled.
flash-cancel-confirm-mentor = Cancel request #{ $id }? The mentor will be told.
flash-btn-cancel-yes = Yes, cancel
flash-btn-cancel-no = No, keep it
flash-cancelled-alert = Request cancelled
flash-cancelled = Request #{ $id } is cancelled. If the question comes back — /flash

## An offer to a mentor

flash-offer-title = ⚡ <b>Request for help #{ $id }</b>
flash-offer-hint = Can you help? The first mentor to agree gets the request.
flash-offer-assigned-hint = A coordinator asks you to help with this request.
flash-btn-accept = ✅ I'll take it
flash-btn-decline = ❌ Not for me
flash-btn-later = ⏰ Not now
flash-reason-topic = your profile has the topic "{ $topic }"
flash-reason-words = matching words: { $words }
flash-reason-same-organization = a colleague from your organization
flash-reason-same-municipality = from your municipality
flash-reason-network = network mentoring: another municipality of the region
flash-reason-rating = your rating { $avg } ({ $count })
flash-offer-closed-taken = ✓ Another mentor has already taken this request. Thank you for being there!
flash-offer-closed-cancelled = The author cancelled this request.
flash-offer-closed-expired = This request has expired.
flash-offer-closed-not-mentor = Offer withdrawn: you no longer have the mentor role.
flash-offer-closed-unavailable = Offer withdrawn: you switched flash requests off in your profile.
flash-offer-closed-account-deleted = Offer withdrawn: your account has been deleted.

flash-accepted-alert = The request is yours!
flash-offer-not-found = This offer was not found or is not addressed to you.
flash-offer-taken = Another mentor has already taken this request.
flash-offer-cancelled = The author has already cancelled this request.
flash-offer-expired = This request has expired.
flash-offer-yours = You have already taken this request — it is in /offers.
flash-offer-was-declined = You have already declined this request.
flash-offer-was-later = You have already put this request off. You can still take it in /offers while it is open.
flash-offer-was-withdrawn = This offer is no longer valid.
flash-offer-was-skipped = This offer is no longer valid.
flash-offer-was-accepted = You have already taken this request.
flash-offer-was-offered = This offer is still waiting for an answer.
flash-not-mentor-anymore = You no longer have the mentor role, so you cannot take the request. If this is a mistake, contact your coordinator.
flash-requester-gone = The author of the request deleted their account — the request is no longer relevant.
flash-mentor-full = You already have { $capacity } active flash sessions — your limit. Finish one of them or raise the limit in /profile.
flash-declined-done = All right, request #{ $id } will be offered to other mentors. Thanks for answering!
flash-later-done = Got it: no new requests until { $until }. Request #{ $id } stays in /offers while it is open.
flash-btn-my-offers = My offers

## A match

flash-matched-requester = 🎉 <b>A mentor is found!</b> Request #{ $id }.
flash-matched-requester-next = The mentor will propose a meeting time. You can write to each other through the bot — nobody's Telegram account is revealed.
flash-matched-mentor = ✅ <b>Request #{ $id } is yours.</b> Thank you!
flash-matched-mentor-assigned = 📌 <b>A coordinator assigned you as the mentor for request #{ $id }.</b>
flash-matched-mentor-next = Propose a meeting time — the button is below. You can write through the bot without revealing your Telegram account.
flash-card-mentor-title = 👤 <b>Mentor: { $name }</b>
flash-card-requester-title = 👤 <b>Asking for help: { $name }</b>
flash-card-notes = Can help with: { $value }
flash-card-rating = Rating: { $avg } ★ ({ $count })

flash-btn-propose = 🕒 Propose a time
flash-btn-repropose = 🕒 Propose another time
flash-btn-write = ✉ Write
flash-btn-share = 📇 Share my contact
flash-btn-reply = ✉ Reply
flash-btn-other-time = None of these fit
flash-btn-share-yes = Yes, share
flash-btn-share-no = No
flash-btn-skip = Skip

flash-session-title = <b>Flash session #{ $id }</b> — { $status }
flash-only-mentor = Only the mentor of this request can do this.
flash-only-requester = Only the author of the request can do this.

## Writing through the bot

flash-write-prompt = Write a message for { $name } — I will pass it on. Photos and files work too. Press Done when finished.
flash-write-sent = ✓ Passed on to { $name }.
flash-write-done = All right.
flash-relay-from-requester = ✉ <b>{ $name }</b> (request #{ $id }):

    { $text }
flash-relay-from-mentor = ✉ <b>Mentor { $name }</b> (request #{ $id }):

    { $text }
flash-relay-file-from-requester = ✉ <b>{ $name }</b> (request #{ $id }) sent a file:
flash-relay-file-from-mentor = ✉ <b>Mentor { $name }</b> (request #{ $id }) sent a file:
flash-relay-empty = An empty message cannot be sent.
flash-relay-unreachable = The other person cannot be reached in the bot right now: the message cannot be passed on.
flash-share-confirm = Share your Telegram contact with { $name }? They will be able to write to you directly.
flash-share-done = Contact sent to { $name }.
flash-share-kept = All right, your contact stays hidden.
flash-shared-already = You have already shared your contact.
flash-told-contact = 📇 Your counterpart in request #{ $id } shared their contact: { $link }

## Meeting time

flash-slots-prompt = Write the meeting time — one to { $max } options, each on a new line, for example:
    tomorrow 18:00
    27.11 16:30
    Times are in your time zone.
flash-slots-format = I could not read the time. Write it like "tomorrow 18:00" or "27.11 16:30", each option on a new line.
flash-slots-many = At most { $max } options.
flash-slots-past = "{ $value }" has passed or is too soon. Propose a time at least 15 minutes ahead.
flash-slots-far = Too far ahead: propose a time within { $days } days.
flash-slots-sent = Options sent: { $name } will pick one.
flash-told-slots = 🕒 The mentor proposes meeting times for request #{ $id }:
flash-told-slots-hint = Pick one that suits you:
flash-slots-stale = These options are no longer valid — the mentor has proposed new ones.
flash-slot-gone = This time has passed. Ask the mentor to propose another.
flash-slot-same = This time is already chosen.
flash-picked-alert = Time agreed
flash-picked = ✅ Meeting for request #{ $id }: <b>{ $when }</b>. I will remind you a day and an hour before.
flash-told-scheduled = ✅ The meeting time for request #{ $id } is agreed: <b>{ $when }</b>. I will remind you a day and an hour before.
flash-told-other-time = None of the times suited the author of request #{ $id }. Propose other options or talk it over through the bot.
flash-other-time-asked = I asked the mentor to propose another time (request #{ $id }).
flash-told-propose-nudge = A reminder: no meeting time has been proposed yet for request #{ $id }.

flash-weekday-1 = Mon
flash-weekday-2 = Tue
flash-weekday-3 = Wed
flash-weekday-4 = Thu
flash-weekday-5 = Fri
flash-weekday-6 = Sat
flash-weekday-7 = Sun

flash-reminder-day = 🔔 Tomorrow, { $when }: flash meeting with { $name } (request #{ $id }).
flash-reminder-hour = 🔔 In an hour, { $when }: flash meeting with { $name } (request #{ $id }).

## After the meeting

flash-ask-held = Did the meeting for request #{ $id } ({ $when }) take place?
flash-btn-held-yes = Yes, it did
flash-btn-held-no = No
flash-held-early = The meeting is still ahead — it can be marked after the agreed time.
flash-held-answered = You have already answered.
flash-held-thanks = Thank you! Request #{ $id }: marked as held.
flash-held-sorry = A pity. Request #{ $id }: marked as not held. You can agree a new time or cancel the request in /requests.
flash-ask-duration = How long was the meeting (request #{ $id })?
flash-duration-online = 💻 { $minutes } min
flash-duration-offline = 🤝 { $minutes } min
flash-meeting-logged-alert = Meeting logged
flash-meeting-logged = ✅ The meeting for request #{ $id } is logged ({ $minutes } min). The request is closed. Please rate how it went:
flash-not-held-mentor = Marked: the meeting for request #{ $id } did not take place. Propose a new time.
flash-told-not-held = The mentor marked that the meeting for request #{ $id } did not take place. They may propose a new time; you can cancel the request in /requests.
flash-told-completed = ✅ The mentor confirmed the meeting for request #{ $id }. The request is closed. Please rate the help from 1 to 5:
flash-rated-alert = Thanks for rating!
flash-rated = Your rating: { $score } ★. Want to add a comment? Send it as a message or press Skip.
flash-rated-already = You have already rated this meeting.
flash-rate-first = Rate the meeting first.
flash-commented-already = The comment is already saved.
flash-comment-long = The comment is too long: at most { $max } characters.
flash-comment-saved = Thank you, the comment is saved.

## Closing messages

flash-told-cancelled = The author cancelled request #{ $id }. Thank you for being ready to help!
flash-told-requester-left = The author of request #{ $id } deleted their account — the request is closed.
flash-told-expired = Unfortunately nobody answered request #{ $id } in time. Try asking differently or choose "No rush": /flash
flash-told-no-time = No meeting time was agreed for request #{ $id } — the request is closed. If you still need help, create a new one: /flash
flash-told-unconfirmed = Nobody confirmed the meeting for request #{ $id } — the request is closed.
flash-told-mentor-left = The mentor of request #{ $id } no longer uses the bot. I am looking for another mentor.
flash-told-mentor-withdrawn = The mentor of request #{ $id } can no longer take it. I am looking for another mentor.
flash-told-handed-on = Request #{ $id } is back in the search for another mentor: you no longer have the mentor role. If this is a mistake, contact your coordinator.
flash-told-escalated = No mentor has taken request #{ $id } yet, so I passed it to a coordinator, who will find a mentor.
flash-told-no-mentor = There are no free mentors for request #{ $id } yet, and no coordinator in the bot who could assign one. The request stays open until its deadline.

## Coordinator

flash-escalated-title = ⚠ <b>Nobody has taken request for help #{ $id }</b>
flash-escalated-hint = Assign a mentor by hand — the button is below.
flash-btn-assign = 👤 Assign a mentor
flash-assign-choose = Pick a mentor (✓ — fits the topic):
flash-assign-nobody = There are no mentors with free slots in your scope.
flash-assign-row = { $name } · { $organization } · free: { $free }
flash-assign-confirm = Assign { $name } as the mentor for request #{ $id }? Both will be told.
flash-btn-assign-yes = ✅ Assign
flash-assigned-alert = Mentor assigned
flash-assigned = ✅ { $name } is assigned as the mentor for request #{ $id }. Both have been told.
flash-assign-not-mentor = This person cannot be assigned: not an active mentor of the region.
flash-assign-unreachable = This mentor cannot be reached in the bot right now.

## /offers and mentor settings

flash-offers-title = <b>Flash mentoring</b>
flash-offers-waiting = Waiting for your answer: { $count }
flash-offers-none = No new requests for you.
flash-offers-sessions = Your flash sessions: { $count }
flash-offers-row = #{ $id } · { $topic }
flash-offers-session-row = #{ $id } · { $name } · { $when }
flash-btn-settings = ⚙ Flash mentoring settings
flash-settings-title = <b>Flash mentoring settings</b>
flash-settings-available = Taking flash requests: { $value }
flash-settings-paused = Paused until { $until }
flash-settings-not-paused = Not paused
flash-settings-notes = I can help with: { $value }
flash-btn-notes = ✏ What I can help with
flash-btn-pause = ⏸ Pause for a few hours
flash-btn-resume = ▶ Resume
flash-btn-availability = Take requests: on/off
flash-ask-notes = Describe in your own words what you can help with (up to { $max } characters), for example: "fractions and percentages, exam preparation, the e-journal". I match requests by these words.
flash-notes-saved = Saved.
flash-notes-long = Too long: { $length } characters, at most { $max }.
