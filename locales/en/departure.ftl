# What the others see when a participant deleted their account (bot/services/account_deletion.py).
mentorship-left-stopped = ⏹ A participant deleted their account, so the mentorship has been stopped.
mentorship-left-declined = ✖ A participant deleted their account, so the mentorship will not take place.
mentorship-left-group = 👋 A participant deleted their account and left the group. The group goes on.
mentorship-reason-left = the participant deleted their account
mentorship-left-stopped-moved = ⏹ A participant moved to another organization, so the mentorship has been stopped.
mentorship-left-declined-moved = ✖ A participant moved to another organization, so the mentorship will not take place.
mentorship-left-group-moved = 👋 A participant moved to another organization and left the group. The group goes on.
mentorship-reason-moved = the participant moved to another organization
