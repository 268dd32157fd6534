"""Tables of the flash feature (filled in by that feature's work)."""
