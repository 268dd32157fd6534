"""How many examples the property tests try: all of them in CI, a fifth on a developer's run.

``HYPOTHESIS_PROFILE`` picks the profile (.ci/run sets ``ci``; unset means ``dev``; an unknown
name fails the run). A test that sets its own count writes ``max_examples=examples(N)``: N in
CI, a fifth of it (at least 10) in dev. Run ``HYPOTHESIS_PROFILE=ci`` locally for CI's counts;
a failing example is kept in .hypothesis/ and tried first next time, whichever the profile.
"""

from __future__ import annotations

import os

from hypothesis import settings

FULL = 100  # Hypothesis's own default, the ci profile's count
settings.register_profile("ci", max_examples=FULL)
settings.register_profile("dev", max_examples=FULL // 5)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def examples(full: int) -> int:
    """``full`` examples in CI, the same share of it as the profile's count elsewhere."""
    return max(10, full * settings.default.max_examples // FULL)
