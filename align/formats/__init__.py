"""Exchange formats: bead files, TMX, CSV/TSV, XLIFF, each reader/writer in its own module."""
