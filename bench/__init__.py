"""Benchmarks: `make bench` (`python -m bench.run`). They print figures and never fail the suite."""
