"""HTML built from escaped text: the one way register text reaches the page.

``el`` escapes every child string and every attribute value with :func:`html.escape` (``quote=True``);
only :class:`Markup` (the output of ``el`` itself, or text the page writes, never the register's)
passes through as it is. A name such as ``</style><script>alert(1)</script>`` therefore shows
as those characters and runs nothing.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

#: Elements that have no end tag.
_VOID = frozenset({"meta", "link", "br", "input", "hr", "img"})


class Markup(str):
    """HTML that is already safe: built by :func:`el`, or a constant of the page."""

    __slots__ = ()


def escape(text: str) -> Markup:
    """Text as HTML: ``&``, ``<``, ``>``, ``"`` and ``'`` become character references."""
    return Markup(html.escape(text, quote=True))


def _children(children: Iterable[object]) -> Iterable[str]:
    for child in children:
        if child is None or child is False:
            continue
        if isinstance(child, Markup):
            yield child
        elif isinstance(child, str):
            yield escape(child)
        elif isinstance(child, Iterable):
            yield from _children(child)
        else:
            raise TypeError(f"cannot put {type(child).__name__} in HTML")


def _attribute(name: str, value: str | bool | None) -> str:
    name = name.rstrip("_").replace("_", "-")
    if value is None or value is False:
        return ""
    if value is True:
        return f" {name}"
    return f' {name}="{html.escape(value, quote=True)}"'


def el(tag: str, *children: object, **attrs: str | bool | None) -> Markup:
    """``<tag attrs>children</tag>``; ``class_`` names the class attribute, ``data_x`` the ``data-x`` one."""
    opening = f"<{tag}{''.join(_attribute(k, v) for k, v in attrs.items())}>"
    if tag in _VOID:
        return Markup(opening)
    return Markup(f"{opening}{''.join(_children(children))}</{tag}>")


def join(parts: Iterable[object]) -> Markup:
    """Several pieces of markup (or text, escaped) one after another."""
    return Markup("".join(_children(parts)))
