"""The Textual review UI: the only package that imports Textual."""
