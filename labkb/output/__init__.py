"""Work on built output: the Content Security Policy, the sitemap, link integrity, guidance PDFs, the
offline zip, the generated field reference.
"""
