"""ropa: GDPR Article 30 records of processing activities, kept as YAML in git."""

__version__ = "0.1.0"
