"""`python -m generator` is the `paperfeed` command."""

import sys

from generator.entry import main

sys.exit(main())
