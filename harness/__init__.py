"""Development harnesses shared by the tests, the benchmarks and the screenshot script (not shipped)."""
