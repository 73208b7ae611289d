"""`python -m pacnet_dashboard`: the command line."""

import sys

from pacnet_dashboard.cli import main

sys.exit(main())
