"""reST markup checks, judged as Sphinx judges a translation (``sphinx/transforms/i18n.py``).

One module per concept; this one names them together for the registry:

* :mod:`concord.checks.structure` -- the translation parses as one paragraph
  (``rst-syntax``, ``rst-extra-block``);
* :mod:`concord.checks.links` -- URLs reach the same resource (``url-changed``,
  ``url-localized``, ``url-added``);
* :mod:`concord.checks.roles` -- literals and cross-reference targets are kept, roles
  still read as roles (``literal-changed``, ``literal-restyled``, ``role-target-changed``,
  ``role-broken``, ``term-localized``, ``markup-added``), with
  :mod:`concord.checks.placeholders` (``literal-placeholder-localized``);
* :mod:`concord.checks.names` -- substitutions and named references resolve
  (``reference-changed``, ``reference-renamed``).

An error is what changes what the reader of the translated page gets; what Sphinx
resolves or renders the same is reported as information under its own id.
"""

from __future__ import annotations

from concord.checks.links import UrlAdded, UrlChanged, UrlLocalized
from concord.checks.names import ReferenceChanged, ReferenceRenamed
from concord.checks.roles import (
    PROSE_ROLES, LiteralChanged, LiteralPlaceholder, LiteralRestyled, MarkupAdded, RoleBroken, RoleTarget,
    TermLocalized,
)
from concord.checks.structure import ExtraBlock, RstSyntax

__all__ = [
    "PROSE_ROLES", "ExtraBlock", "LiteralChanged", "LiteralPlaceholder", "LiteralRestyled",
    "MarkupAdded", "ReferenceChanged", "ReferenceRenamed", "RoleBroken", "RoleTarget",
    "RstSyntax", "TermLocalized", "UrlAdded", "UrlChanged", "UrlLocalized",
]
