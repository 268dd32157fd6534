"""Due-work handlers of the broadcast feature (filled in by that feature's work)."""
