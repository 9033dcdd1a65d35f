"""editions: official multilingual editions from parallel content files."""

__version__ = "0.1.0"
