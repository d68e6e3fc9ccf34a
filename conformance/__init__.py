"""torch-conformance: run the executable PyTorch specification against a backend.

The pytest plugin lives in :mod:`conformance.plugin` (entry point ``pytest11``);
backends in :mod:`conformance.backends`; the one value comparison in
:mod:`conformance.compare`.  Importing this package imports neither torch nor
hypothesis nor pytest.
"""

__version__ = "0.1.0"
