"""Shared test settings: Hypothesis profiles sized for a 2-core machine, derandomized in CI; test markers.

Tests that drive the app under Streamlit's AppTest are marked `apptest` and those that drive Chromium are marked
`browser` by their module, so `make test-fast` can leave both out (`make test` runs everything).
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "default")
