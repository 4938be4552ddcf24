"""Load test of the production set-up (`make load-test`, bench/load/run.sh)."""
