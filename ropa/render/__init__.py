"""Renderers: a validated register to Excel and Word (``excel``, ``word``), and the change report's
files (``changes``). Never imported by ``ropa validate``."""
