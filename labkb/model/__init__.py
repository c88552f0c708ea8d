"""The content model: the project's layout, files read as text, front matter and Markdown read without
rendering, the content types and languages, the corpus, the registries, dates and the addresses the
site makes.
"""
