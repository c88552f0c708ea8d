"""What the site offers readers, as data and fragments: blog, guidance and case studies, glossary,
survey, permanent addresses, translations, search indexes, notices.
"""
