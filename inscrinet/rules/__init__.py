"""Registration rules as pure functions (no database): eligibility, acquis, épreuves.

One module per area; everything is re-exported here so callers write `rules.<name>`.
"""

from inscrinet.rules.acquis import *  # noqa: F403
from inscrinet.rules.candidate import *  # noqa: F403
from inscrinet.rules.communes import *  # noqa: F403
from inscrinet.rules.epreuves import *  # noqa: F403
