"""The Learning Lab knowledge base: content model, checks and tools.

Plain Python with no MkDocs imports: `hooks/` adapt it to MkDocs events and
`scripts/kb.py` exposes it as commands, so a change of site generator costs an adapter.
"""
