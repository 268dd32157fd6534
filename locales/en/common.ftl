cancelled = Cancelled. Nothing was changed.
nothing-to-cancel = There is nothing to cancel.
help-title = What I can do:
language-choose = Choose a language:
language-ru = Русский
language-en = English
language-set = Interface language: English.
value-none = not set

btn-back = ◀ Back
# The counter beside a paged list's title.
list-page = (page { $page } of { $pages })
btn-cancel = ✖ Cancel
btn-done = Done
btn-yes = Yes
btn-no = No
btn-confirm = ✅ Confirm

cmd-start = start and register
cmd-help = what the bot can do
cmd-profile = my profile
cmd-mydata = export my data
cmd-language = interface language
cmd-cancel = cancel the current action
cmd-invite = create an invite link
cmd-participants = participants of my scope
cmd-pending = registrations to approve

fallback-unknown-command = There is no such command. Commands: /help
fallback-step = I am waiting for another answer now: use the buttons under the last message or type what was asked. To cancel: /cancel
fallback-stranger = Hello! I am the mentoring program's bot: I help find a mentor, log meetings, answer surveys and hear about events. To begin, press /start — registering takes a couple of minutes. What the bot can do: /help
fallback-menu = I answer commands and buttons. Here is your menu:
fallback-menu-mentee = I answer commands and buttons. Need a colleague's help? Press «⚡ Ask for help» in the menu below and describe your question — mentors will see it.

admin-error-report = ⚠ Error while handling update { $update_id }: { $error }. Details are in the log.{ $suppressed ->
        [0] {""}
        [one] {" "}{ $suppressed } more error report was held back since the last one.
       *[other] {" "}{ $suppressed } more error reports were held back since the last one.
    }
cmd-events = events
cmd-surveys = my questionnaires
cmd-flash = ask for help (flash mentor)
cmd-requests = my requests for help
cmd-mentorships = my mentorships
cmd-offers = requests for help offered to me
cmd-meet = log a meeting
cmd-pairs = mentoring pairs and groups
cmd-announce = make an announcement
cmd-newevent = create an event
cmd-campaigns = questionnaire campaigns
cmd-roadmap = roadmap

cmd-menu = main menu

## The main menu (/menu): the person's commands as buttons.
menu-title = Main menu. What would you like to do?
menu-register-first = The menu appears once you are registered: press /start.
menu-pending = You are registered; your registration is waiting for approval. { $reach ->
        [organization] Your organization's coordinator will review it ({ $organization }).
        [municipality] Your organization has no coordinator yet, so the municipality's coordinator will review it ({ $municipality }).
        [region] Neither your organization nor your municipality has a coordinator yet, so the region's coordinator will review it ({ $region }).
        [admins] There is no coordinator yet in your organization, municipality or region, so the program's administrator will review it.
       *[nobody] Nobody can review it yet: there is no coordinator in your organization, municipality or region. A coordinator will see it as soon as there is one.
    } We will let you know the decision.

    While it waits, you can:
    /profile — see and edit your profile, change your organization or delete the account
    /mydata — download your data
    /help — what the bot can do
menu-btn-flash = ⚡ Ask for help
menu-btn-requests = 📨 My requests
menu-btn-offers = 🙋 Requests to me
menu-btn-meet = 📝 Log a meeting
menu-btn-mentorships = 🤝 My pairs
menu-btn-events = 📅 Events
menu-btn-surveys = 📋 Questionnaires
menu-btn-invite = 🔗 Invite
menu-btn-participants = 👥 Participants
menu-btn-pending = ⏳ Registrations
menu-btn-pairs = 🧩 Pairs and groups
menu-btn-announce = 📢 Announcement
menu-btn-newevent = 🗓 New event
menu-btn-campaigns = 📊 Questionnaire campaigns
menu-btn-roadmap = 🗺 Roadmap
menu-btn-profile = 👤 Profile
menu-btn-language = 🌐 Language
## The coordinator's menu in sections: a section's button, and its screen's title.
menu-section-people = 👥 People
menu-section-pairs = 🧩 Pairs and groups
menu-section-events = 📢 Events and announcements
menu-section-surveys = 📊 Questionnaires
menu-section-roadmap = 🗺 Roadmap
menu-section-mine = 🙋 My mentoring
menu-title-people = People: invitations, participants and registrations to approve.
menu-title-pairs = Mentoring pairs and groups.
menu-title-events = Events and announcements.
menu-title-surveys = Questionnaires and questionnaire campaigns.
menu-title-roadmap = Roadmap.
menu-title-mine = Your mentoring: requests, meetings, pairs.

## The date picker (handlers/kit/dates.py)
calendar-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
calendar-weekdays = Mo Tu We Th Fr Sa Su
