"""docs/format.md, the register format reference, generated from the models; and the anchors errors point at.

Run ``python -m ropa.format_doc`` (``make docs``); a test fails when the committed copy is stale.
"""
