# What the others see when a participant deleted their account (bot/services/account_deletion.py).
mentorship-left-stopped = ⏹ A participant deleted their account, so the mentorship has been stopped.
mentorship-left-declined = ✖ A participant deleted their account, so the mentorship will not take place.
mentorship-left-group = 👋 A participant deleted their account and left the group. The group goes on.
mentorship-reason-left = the participant deleted their account
