"""Reading registers: which files are registers, strict YAML with positions, and their source texts.

Modules, one job each: ``discover`` (which files are registers), ``load`` (the public API:
``load_text``, ``load_file``, ``decode``), ``yaml_events`` (the two builders), ``yaml_scalars``,
``yaml_chars`` and ``yaml_depth`` (the rules they apply), ``positions`` (document paths back to
lines) and ``sources`` (where a register's source texts are, and reading them safely).
"""
