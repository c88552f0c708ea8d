"""The gate: the checker's engine and the rules that keep hostile contributions out (allowlist
sanitizer, plain text, file kinds, bounded work).
"""
