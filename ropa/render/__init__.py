"""Renderers: a validated register to Excel and Word. Never imported by ``ropa validate``."""
