"""The single place the version lives, so signatures and the CLI agree."""

__version__ = "0.1.0"
