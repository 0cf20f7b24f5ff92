"""`python -m streams.cli`: the same as `newsstream`."""
import sys

from streams.cli import main

sys.exit(main())
