"""Due-work handlers of the mentorship feature (filled in by that feature's work)."""
