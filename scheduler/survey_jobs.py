"""Due-work handlers of the survey feature (filled in by that feature's work)."""
