"""The change report's Word and Excel files: what :mod:`ropa.diff` found, written for a reviewer.

Modules, one job each: ``xlsx`` (the workbook, one row per change), ``redline`` (the NEW register's
Word document with OLD's differences as tracked changes), ``revisions`` (merging two bodies as
``w:ins``/``w:del``), ``sentences`` (word- or sentence-level marks), ``wordml`` (WordprocessingML
pieces), ``summary`` (the redline's first page), ``author`` (whose tracked changes they are) and
``package`` (reproducible zip files). Nothing here is imported until a file is asked for.
"""
