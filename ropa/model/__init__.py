"""The register schema as pydantic models (the single source of the JSON Schema)."""

from ropa.model.register import FORMAT_VERSION, Register

__all__ = ["FORMAT_VERSION", "Register"]
