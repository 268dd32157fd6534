"""Tables of the roadmap feature (filled in by that feature's work)."""
