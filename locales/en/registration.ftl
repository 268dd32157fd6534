consent-text =
    <b>Consent to personal data processing</b>

    Operator: { $operator }.
    To take part in the mentoring program the bot keeps your full name, category, organization, subjects, experience, professional needs or areas of expertise. The data is used only to match mentors, log meetings and report on the program, is stored on servers in Russia and is not passed to third parties.
    You can export your data at any time (/mydata) or delete your account (/profile) — your personal data is then destroyed.

    Consent text version: { $version }.
    Do you agree?
btn-consent-yes = ✅ I agree
btn-consent-no = I do not agree
consent-refused = All right, nothing was stored. If you change your mind: /start.
consent-refused-invite = All right, none of your data was stored. We only remember that you opened an invite, until { $until }, so that /start goes on with it. If you change your mind: /start.

start-welcome-back = Welcome back, { $name }! Pick what to do, or type /help.
start-pending = { $name }, your registration is waiting for approval. We will let you know.
start-rejected = A coordinator rejected the registration. If this is a mistake, contact the person responsible for mentoring in your organization.
start-already-registered = You are already registered; no invite is needed.
start-invite-resumed = Going on with the invite you opened.
start-invite-lost = The invite you opened earlier is no longer valid (it expired or has been used up). Registration goes on without it; ask a coordinator for a new link.
start-invite-applied = { $name }, the invite applies: your registration is approved. Organization: { $organization }; role: { $roles }. Commands: /help

ask-full-name = Enter your full name, for example: <i>Maria Petrovna Ivanova</i>.
ask-category = Who are you?
ask-municipality = Choose the municipality:
ask-organization = Choose the organization (page { $page } of { $pages }):
ask-role = What do you want in the program?
ask-subjects = Tick the subjects you teach or study, then press “Done”.
ask-experience = How many full years have you worked as a teacher? Enter a number, for example 2.
ask-deficits = What do you need help with? Tick everything that applies, then press “Done”.
ask-expertise = What can you help colleagues with? Tick your areas of expertise, then press “Done”.
ask-capacity = How many mentees can you take at the same time?
ask-flash = Are you ready to answer one-off requests for help (flash mentoring)?
ask-formats = Which meeting formats suit you? Tick them, then press “Done”.

category-teacher = Teacher
category-student = School student
category-university_student = University student
category-employer_rep = Employer representative
category-None = —
role-mentee = Mentee
role-mentor = Mentor
role-coordinator = Coordinator
role-None = —
status-active = active
status-pending = awaiting approval
status-rejected = rejected
status-deleted = deleted

summary-title = <b>Please check:</b>
summary-name = Full name: { $value }
summary-category = Category: { $value }
summary-organization = Organization: { $value }
summary-role = Role: { $value }
summary-subjects = Subjects: { $value }
summary-experience = Experience: { $years ->
    [one] { $years } year
   *[other] { $years } years
}
summary-young-specialist = Young specialist (under 3 years of experience)
summary-deficits = Needs: { $value }
summary-expertise = Expertise: { $value }
summary-capacity = Mentees at a time: { $value }
summary-flash = Flash mentoring: { $value }
summary-formats = Formats: { $value }

registration-done = Done, { $name }! You are registered. Commands: /help
registration-pending-organization = Thank you, { $name }! Your registration was sent to your organization's coordinator; we will let you know when it is approved.
registration-pending-municipality = Thank you, { $name }! Your organization has no coordinator yet, so your registration was sent to the municipality's coordinator; we will let you know when it is approved.
registration-pending-region = Thank you, { $name }! Neither your organization nor your municipality has a coordinator yet, so your registration was sent to the region's coordinator; we will let you know when it is approved.
registration-pending-admins = Thank you, { $name }! There is no coordinator yet in your organization, municipality or region, so your registration was sent to the bot's administrators; we will let you know when it is approved.
registration-pending-nobody = Thank you, { $name }! Your registration is saved, but nobody can approve it yet: there is no coordinator in your organization, municipality or region. A coordinator will see it as soon as there is one; we will let you know the decision.
registration-pending-waiting = { $count ->
    [one] { $count } registration waits for your decision: /pending
   *[other] { $count } registrations wait for your decision: /pending
}
registration-cancelled = Registration cancelled, nothing was stored. Start again: /start
registration-cancelled-invite = Registration cancelled, none of your data was stored. We remember the invite until { $until }: start again with it — /start
registration-incomplete = Some registration data is missing. Please start again: /start
registration-already = You are already registered.
registration-name-empty = Please type your full name.
registration-name-too-long = Too long: { $max } characters at most.
registration-name-invalid = A name consists of letters (hyphens and apostrophes are fine), for example: Maria Ivanova.
registration-experience-not-number = Enter your experience as a whole number of years, for example 5.
registration-experience-range = Experience must be from 0 to { $max } years.
registration-capacity-range = Choose a number from 1 to { $max }.
registration-expertise-empty = Tick at least one area of expertise.
registration-formats-empty = Tick at least one format.
registration-minor-needs-invite = School students register only through their school's invite link: the school confirms the parents' consent. Ask your class teacher for the link.

invite-not-found = The invite was not found. Check the link or start without it: /start
invite-expired = The invite has expired. Ask the coordinator for a new link or start without it: /start
invite-exhausted = The invite has been used the maximum number of times. Ask for a new link or start without it: /start

pending-new = New registration to approve: { $name } ({ $organization }).
pending-new-admins = New registration to approve: { $name } ({ $organization }). There is no coordinator in this organization, its municipality or its region, so it came to the bot's administrators. Approve or reject it in /pending — or invite a coordinator for the organization: <code>mentorbot admin invite-coordinator --level organization --id { $organization_id }</code>
pending-reminder = The registration of { $name } ({ $organization }) has been waiting for a day.
pending-reminder-admins = The registration of { $name } ({ $organization }) has been waiting for a day, and the organization still has no coordinator. Approve it in /pending or invite a coordinator: <code>mentorbot admin invite-coordinator --level organization --id { $organization_id }</code>
pending-resolved-invite = The registration of { $name } ({ $organization }) no longer waits for a decision: an invite approved it.
pending-resolved-invite-admins = The registration of { $name } ({ $organization }) no longer waits for a decision: an invite approved it.
pending-moved = The registration of { $name } ({ $organization }) no longer waits for your decision: they chose another organization.
pending-moved-admins = The registration of { $name } ({ $organization }) no longer waits for your decision: they chose another organization.
btn-open-pending = Open registrations
pending-not-yet = Your registration is still waiting for approval, so this section is not available yet. We will let you know once it is approved. You can already use:
    /menu — see who reviews your registration
    /profile — view and edit your profile, change your organization or delete your account
    /mydata — download your data
    /language — choose the language
    /help — help
