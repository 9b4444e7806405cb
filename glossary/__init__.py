"""Bilingual terminology: extraction from aligned text, merging with a user's glossary, exports.

Depends on ``align`` only (never on ``tui``). The extractor is the next milestone on the
roadmap; the entry type it produces, ``align.model.TermEntry``, is already part of the
project file so glossaries can live beside the alignment they were learned from.
"""
