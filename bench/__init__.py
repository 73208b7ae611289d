"""Benchmarks: `make bench` (python -m bench) prints medians of several runs. Not timed tests."""
