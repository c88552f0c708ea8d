"""Command-line verbs and the benchmark.
"""
