profile-title = <b>My profile</b>
profile-status = Status: { $value }
profile-roles = Roles: { $value }
profile-saved = Saved.
profile-edit-full_name = ✏ Name
profile-edit-subjects = ✏ Subjects
profile-edit-experience = ✏ Experience
profile-edit-deficits = ✏ Needs
profile-edit-expertise = ✏ Expertise
profile-edit-capacity = ✏ Capacity
profile-edit-flash = ⚡ Flash on/off
profile-edit-formats = ✏ Formats
btn-mydata = 📄 My data
btn-delete-account = 🗑 Delete account
mydata-caption = Everything the bot keeps about you.
delete-confirm = Delete your account? Your personal data will be destroyed; only anonymous figures stay in the statistics. This cannot be undone.
btn-delete-yes = Yes, delete
btn-delete-no = No, keep it
delete-done = Account deleted, personal data destroyed. Thank you for being with us. To come back: /start

## Moving to another organization (bot/services/org_change.py).
profile-btn-move = 🏫 Change organization
profile-btn-move-yes = ✅ Move
profile-move-ask = Change your organization to { $organization }?
profile-move-review = { $reach ->
        [organization] The new organization's coordinator will approve your participation again ({ $organization }).
        [municipality] The new organization has no coordinator yet, so the municipality's coordinator will approve it ({ $municipality }).
        [region] Neither the new organization nor its municipality has a coordinator yet, so the region's coordinator will approve it ({ $region }).
        [admins] There is no coordinator yet in the new organization, its municipality or region, so the program's administrator will approve it.
       *[nobody] Nobody can approve it yet: there is no coordinator in the new organization, its municipality or region. It will wait until there is one.
    } While it waits, only the profile, the data export and help are available.
profile-move-pairs = { $count ->
        [one] { $count } current pair or group ends
       *[other] { $count } current pairs or groups end
    }: the others are told you moved to another organization (a group goes on without you).
profile-move-requests = { $count ->
        [one] { $count } open flash request is cancelled
       *[other] { $count } open flash requests are cancelled
    }.
profile-move-sessions = { $count ->
        [one] { $count } flash session you mentor goes back to the search
       *[other] { $count } flash sessions you mentor go back to the search
    }: the requesters get another mentor.
profile-move-kept = Your roles, subjects, experience and the rest of the profile stay.
profile-moved = Organization changed: { $organization }.
org-change-same = You are in this organization already: choose another one.
org-change-coordinator = You are a coordinator and your scope is tied to the organization, so the program's administrator changes it for you.
org-change-not-now = The organization cannot be changed now: the profile is not active.
