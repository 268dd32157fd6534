"""Due-work handlers of the flash feature (filled in by that feature's work)."""
