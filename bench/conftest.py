# The benchmarks use the test suite's database fixtures (demo data, reference data).
from tests.conftest import *  # noqa: F403
