"""Benchmarks, run on demand by `make bench` (never by `make test`); results in
docs/benchmarks.md. See bench/agreements.py."""
