invite-ask-role = Whom are you inviting?
invite-ask-category = Category of the invited:
invite-ask-expiry = How long is the link valid?
invite-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
invite-ask-uses = How many people may register with the link?
invite-uses = { $uses ->
    [0] no limit
   *[other] { $uses }
}
invite-ask-parental-consent = School students are minors. Confirm that your organization holds their parents' (legal representatives') consent to personal data processing.
btn-parental-consent-yes = I confirm: parents' consent is on file
btn-parental-consent-no = Not yet
invite-minor-needs-consent = An invite for school students cannot be created without parents' consent. Collect the consents and try again: /invite
invite-bad-role = This role cannot be given by an invite.
invite-bad-expiry = The validity is from 1 to { $max } days.
invite-bad-uses = The number of uses is from 1 to { $max }.
invite-created =
    The invite link is ready:
    { $link }

    Role: { $role }, category: { $category }
    Organization: { $organization }
    Valid until: { $expires }
    Uses: { $uses ->
        [0] no limit
       *[other] { $uses }
    }
invite-qr-caption = The QR code of this invitation ({ $organization }). Print it for the staff room: colleagues point a phone camera at it and go straight to the registration.

people-title = Participants: { $total } (page { $page } of { $pages })
people-empty = Nobody found.
people-row = { $name } — { $organization } ({ $status })
people-filter-role-all = All roles
people-filter-role-mentor = Mentors
people-filter-role-mentee = Mentees
people-filter-status-all = All
people-filter-status-active = Active
people-filter-status-pending = Pending
btn-approve = ✅ Approve
btn-reject = ✖ Reject
btn-grant-mentor = Make a mentor
btn-revoke-mentor = Take the mentor role away
people-done-approve = Registration approved.
people-done-reject = Registration rejected.
people-done-grant = The mentor role was given.
people-done-revoke = The mentor role was taken away.
people-closed = The card is closed. Participants: /participants, registrations: /pending
people-open-pending = Registrations waiting for approval are in your private chat with the bot: /pending
people-notify-approve = A coordinator approved your registration. Welcome! Commands: /help
people-notify-reject = A coordinator rejected your registration. If this is a mistake, contact the person responsible for mentoring in your organization.
people-notify-grant = You were given the mentor role. Fill in your expertise in /profile.
people-notify-revoke = A coordinator took the mentor role away from you.
participants-not-pending = This registration has already been decided.
participants-not-active = The participant is not active.
participants-role-unchanged = The role is already so.
