"""Code and cross-references: inline literals and role targets of the source must all
be in the translation, unchanged.

Sphinx keeps a translated cross-reference's own target (``update_pending_xrefs``
copies the original's attributes only when domain, type and target match), so a
changed target points elsewhere or nowhere; a changed ````literal```` is different
code. Role names are compared as docutils looks them up, without case (``:RFC:`` is
``:rfc:``), and a ``title <target>`` role may change its title. A ``:term:`` is
resolved as the translated build resolves it: through the glossary's translation
(``term-localized``). Markup the translator adds while keeping all of the source's is
reported as information (``markup-added``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from docutils.utils import normalize_language_tag
from docutils.utils.smartquotes import smartchars

from concord import rst
from concord.checks import resolve
from concord.checks.placeholders import pair_localized, prose
from concord.checks.base import CatalogContext, MessageCheck, Unit, diff_counts, listing

#: Roles whose text is prose (translated) rather than a target.
PROSE_ROLES = frozenset({
    "dfn", "emphasis", "strong", "sup", "sub", "abbr", "menuselection", "guilabel",
    "title-reference", "title", "t", "i", "subscript", "superscript", "literal", "code",
    "math", "samp", "kbd", "file", "program", "command", "mailheader", "makevar",
    "manpage", "mimetype", "newsgroup", "regexp", "sc", "rst:dir", "rst:role",
})
#: Python-domain roles: Sphinx finds an exact name whatever the object type, so
#: :func:`list` and :class:`list` reach the same object (``PythonDomain.find_obj``).
PY_OBJECT_ROLES = frozenset({
    "func", "meth", "class", "attr", "exc", "data", "const", "obj", "mod", "type",
})
#: Roles made with ``fix_parens=True``: Sphinx drops a trailing ``()`` of the target
#: (and adds it to the title when ``add_function_parentheses``), so ``f()`` is ``f``.
#: A no-link role (``!``) shows its name only: ``()`` is not a target either.
FIX_PARENS = frozenset({"func", "meth", "py:func", "py:meth", "c:func", "cpp:func"})
_ROLE_KEY = re.compile(r"^:(?P<role>[^:`]+(?::[^:`]+)?):`(?P<target>.*)`$", re.DOTALL)


def _role_of(key: str) -> tuple[str, str]:
    match = _ROLE_KEY.match(key)
    return (match.group("role"), match.group("target")) if match else ("", key)


def _xrefs(parsed: rst.Parsed | rst.InlineMarkup, shown: dict[str, str]) -> Counter[str]:
    """Cross-reference roles by :func:`_canonical` key; ``shown`` maps a key back to
    the role as written."""
    found: Counter[str] = Counter()
    for key, count in parsed.roles.items():
        role, target = _role_of(key)
        if role not in PROSE_ROLES:
            canonical = _canonical(role, target)
            found[canonical] += count
            shown.setdefault(canonical, key)
    return found


def _canonical(role: str, target: str) -> str:
    """``:role:`target``` as Sphinx resolves it: terms without case, Python objects by
    name whatever the role's object type (a leading '.' searches differently: kept),
    no trailing ``()`` where Sphinx drops it."""
    if role == "term":
        return f":term:`{target.lower()}`"
    if role in FIX_PARENS or target.startswith("!"):
        target = target.removesuffix("()")
    if role.removeprefix("py:") in PY_OBJECT_ROLES:
        return f":py:`{target}`"
    return f":{role}:`{target}`"


@dataclass(frozen=True)
class MarkupDiff:
    literals_missing: list[str]
    literals_extra: list[str]
    literals_restyled: list[str]  # missing as literals, present in another inline style
    literals_localized: list[tuple[str, str]]  # (source, translation): placeholder words localized
    roles_missing: list[str]
    roles_extra: list[str]
    terms: list[tuple[str, str]]  # (source term role, translated term role) that resolve


def markup_diff(unit: Unit, ctx: CatalogContext) -> MarkupDiff:
    """Computed once per unit for the literal, role and added-markup checks."""
    cached = unit.__dict__.get("_markup_diff")
    if cached is None:
        source, target = rst.inline_markup(unit.source), rst.inline_markup(unit.target)
        lit_missing, lit_extra = diff_counts(source.literals, target.literals)
        # only a style the translation adds can stand for a missing literal: a role or
        # emphasis the source has beside it (``g`` and :func:`g`) does not; nor one beside
        # the literal written but glued to a word, which reST does not read
        styled = Counter(target.styled) - Counter(source.styled)
        restyled = []
        for text in list(lit_missing):
            if styled[text] > 0 and not _smartened(text, unit.target, ctx.lang) \
                    and not _glued(text, unit.target, target.literals):
                styled[text] -= 1
                restyled.append(text)
                lit_missing.remove(text)
        localized = pair_localized(lit_missing, lit_extra, (prose(unit.source), prose(unit.target)),
                                   _elsewhere(unit, ctx)) if lit_missing and lit_extra else []
        shown_source: dict[str, str] = {}
        shown_target: dict[str, str] = {}
        role_missing, role_extra = diff_counts(_xrefs(source, shown_source), _xrefs(target, shown_target))
        _drop_equivalent(role_missing, role_extra, _xrefs(target, {}), unit.target)
        paired = _localized_terms(role_missing, role_extra, ctx) if role_missing and role_extra else []
        for old, new in paired:
            role_missing.remove(old)
            role_extra.remove(new)
        cached = unit.__dict__["_markup_diff"] = MarkupDiff(
            lit_missing, lit_extra, restyled, localized, [shown_source[m] for m in role_missing],
            [shown_target[e] for e in role_extra], paired)
    return cached


def _elsewhere(unit: Unit, ctx: CatalogContext) -> Callable[[str], int]:
    """How many other messages of the document show a name in their literals."""
    own = resolve.names_in_literals(unit.source)

    def uses(name: str) -> int:
        return resolve.code_names(ctx)[name] - (name in own)
    return uses


def _raw_count(text: str, role: str) -> int:
    """How often ``:role:`` is written in ``text`` (Python roles: any of them)."""
    names = PY_OBJECT_ROLES if role == "py" else {role}
    return sum(len(re.findall(rf"(?<![\w:]):(?:py:)?{re.escape(n)}:", text, re.IGNORECASE)) for n in names)


def _drop_equivalent(missing: list[str], extra: list[str], target: Counter[str], text: str) -> None:
    """Drop what reaches the reader the same way.

    * ``:role:`!x``` makes no link (Sphinx's XRefRole), so it is shown code, not a
      cross-reference: present once is enough, the translation may link it
      (``:role:`x```), and another role that makes no link either shows the same name
      (``:c:func:`!f``` -> ``:func:`!f```).

    A Python object written more fully is not dropped: Sphinx resolves the short name
    to an exact global match first (``TimeoutError`` is not ``asyncio.TimeoutError``).
    """
    for old in list(missing):
        role, name = _role_of(old)
        if name.startswith("!"):
            plain = f":{role}:`{name[1:]}`"
            shown = next((e for e in extra if _role_of(e)[1] == name), None)
            if plain in extra:  # linked in the translation
                missing.remove(old)
                extra.remove(plain)
            elif shown is not None:  # no link either way: the same name shown (:c:func: -> :func:)
                missing.remove(old)
                extra.remove(shown)
            elif target[old] or target[plain]:
                written = sum(c for k, c in target.items() if _role_of(k)[0] == role)
                if not any(_role_of(e)[0] == role for e in extra) and _raw_count(text, role) <= written:
                    missing.remove(old)  # shown again elsewhere; a mangled copy is reported
            continue


def _localized_terms(missing: list[str], extra: list[str], ctx: CatalogContext) -> list[tuple[str, str]]:
    """Missing ``:term:`` targets written as the glossary's translation of that term."""
    if not any(m.startswith(":term:") for m in missing):
        return []
    glossary = resolve.terms(ctx)
    pairs, free = [], [e for e in extra if e.startswith(":term:")]
    for old in (m for m in missing if m.startswith(":term:")):
        term = _role_of(old)[1]
        new = next((e for e in free if term in glossary.get(_role_of(e)[1], ())), None)
        if new is not None:
            pairs.append((old, new))
            free.remove(new)
    return pairs


def _glossary_says(term_role: str, ctx: CatalogContext) -> str:
    term = _role_of(term_role)[1]
    names = sorted(t for t, sources in resolve.terms(ctx).items() if term in sources and t != term)
    return f" (the glossary translates it as {listing(repr(n) for n in names)})" if names else ""


def _glued(literal: str, target: str, read: Counter[str]) -> bool:
    """Is ````literal```` written in ``target`` more often than reST reads it (``read``:
    the literals docutils finds), i.e. glued to the text around it?"""
    return target.count(f"``{literal}``") > read[literal]


def _literal_hint(missing: list[str], extra: list[str], target: str, lang: str) -> str:
    parsed = rst.inline_markup(target).literals
    if any(_glued(m, target, parsed) for m in missing):  # written, but not read as one
        return ("; reST sees no literal where ``...`` is glued to the text around it: put a "
                "space or an escaped space '\\ ' before and after it")
    unspaced = {"".join(e.split()) for e in extra}
    if extra and all("".join(m.split()) in unspaced for m in missing):
        return "; only the spacing inside the code differs: copy its spaces as the source has them"
    if any(_smartened(m, target, lang) for m in missing):
        return ("; it is written as *emphasis* or `title`, where Sphinx's smartquotes make its "
                "quotes, '--' and '...' typographic: write it as ``...``")
    return ""


#: What Sphinx's smartquotes rewrite in prose (not in literals): quotes, '--', '...'.
_SMARTENED = re.compile(r"""['"]|--|\.\.\.""")


def _smartened(text: str, target: str, lang: str) -> bool:
    """Is the code ``text`` written in ``target`` as emphasis, strong or a title
    reference, where Sphinx's smartquotes (on by default, except for the languages
    ``smartquotes_excludes`` names) turn its quotes and dashes typographic? Then the
    code shown changed (``*"red"*`` shows «red»): not a mere restyle."""
    if not _SMARTENED.search(text) or not smartquotes_on(lang):
        return False
    shown = re.escape(text)
    return re.search(rf"(?<![*\w])\*{{1,2}}{shown}\*{{1,2}}(?![*\w])|(?<![:`\w])`{shown}`(?![`_])",
                     target) is not None


#: Sphinx's default ``smartquotes_excludes['languages']``.
SMARTQUOTES_EXCLUDED = frozenset({"ja", "zh_CN", "zh_TW"})


@lru_cache(maxsize=64)
def smartquotes_on(lang: str) -> bool:
    """Does Sphinx, as configured by default, apply smartquotes to ``lang``'s pages?
    (``SphinxSmartQuotes.is_available``: not an excluded language, and one docutils has
    quotes for.)"""
    if lang in SMARTQUOTES_EXCLUDED:
        return False
    return any(tag in smartchars.quotes for tag in normalize_language_tag(lang or "en"))


def _role_hint(missing: list[str], target: str) -> str:
    for key in missing:
        role = _role_of(key)[0]
        if re.search(rf":{re.escape(role)}:\s+`", target, re.IGNORECASE):
            return f"; the space after ':{role}:' breaks the role: write :{role}:`...` with no space"
        if re.search(rf"\w:{re.escape(role)}:`", target, re.IGNORECASE):
            return (f"; reST sees no role where :{role}: is glued to the word before it: put a "
                    "space or an escaped space '\\ ' before it")
    return ""


def _literal_diff(unit: Unit, ctx: CatalogContext) -> MarkupDiff | None:
    """The unit's markup diff when a literal of the source is not in the translation as
    written; None when every one is (the scanner agrees with docutils there)."""
    if "``" not in unit.source or not _lost(unit, "literal"):
        return None
    return markup_diff(unit, ctx)


class LiteralChanged(MessageCheck):
    """Inline literals (````code````) are code: copy each one of the source unchanged.

    You may add literals of your own; a changed or dropped one shows readers different code.
    """

    id = "literal-changed"
    name = "Inline literal changed"
    description = "every inline literal of the source is in the translation, unchanged"
    family = "markup"
    rest_only = True
    source_needs = ("``",)

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        diff = _literal_diff(unit, ctx)
        if diff is not None and diff.literals_missing:
            changed = f"; the translation has {listing(f'``{e}``' for e in diff.literals_extra)} instead" \
                if diff.literals_extra else ""
            yield (f"inline literal {listing(f'``{m}``' for m in diff.literals_missing)} is missing "
                   f"or changed{changed}; Sphinx shows the translation's code: copy the source's "
                   f"literal unchanged{_literal_hint(diff.literals_missing, diff.literals_extra, unit.target, ctx.lang)}")


class LiteralPlaceholder(MessageCheck):
    """Only the placeholder words of a literal were translated (``(host, port)`` ->
    ``(host, puerto)``, ``YYYY-MM-DD`` -> ``AAAA-MM-DD``): its shape is kept, and many
    projects translate metavariables as the prose does. In code, only variables renamed
    (``str(network)`` -> ``str(red)``: a bare name read as a value or assigned) that the
    two proses name so, or that no other message of the page shows as code, and the
    prose "or" between two statements Python cannot join. An attribute, a function, a
    keyword argument's name, a module, a string's text, a keyword such as ``True`` or a
    built-in stays ``literal-changed``."""

    id = "literal-placeholder-localized"
    name = "Literal placeholder localized"
    description = "a literal's placeholder words are translated, its shape kept"
    family = "markup"
    rest_only = True
    source_needs = ("``",)
    severity = "warning"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        diff = _literal_diff(unit, ctx)
        for old, new in diff.literals_localized if diff is not None else ():
            yield (f"``{old}`` -> ``{new}``: only placeholder or prose words are translated and "
                   "the shape is kept; readers see the localized placeholder. Fine if your project "
                   "translates placeholders; otherwise copy the source's literal")


class LiteralRestyled(MessageCheck):
    """A literal of the source shown in another inline style (``:const:`None```,
    ``*None*``): the same text, not set as code. Usually a slip; the reader still gets
    the text."""

    id = "literal-restyled"
    name = "Inline literal restyled"
    description = "a literal of the source is written in another inline style"
    family = "markup"
    rest_only = True
    source_needs = ("``",)
    severity = "warning"

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        diff = _literal_diff(unit, ctx)
        restyled = diff.literals_restyled if diff is not None else []
        if restyled:
            yield (f"{listing(f'``{r}``' for r in restyled)} is written in another inline style "
                   "(a role, *emphasis* or `title`); write it as ``code`` as the source does")


class RoleTarget(MessageCheck):
    """Cross-reference roles keep their targets: translate the title with
    ``:role:`translated title <target>```. A ``:term:`` may use the glossary's
    translation of the term (Sphinx resolves it in the translated build)."""

    id = "role-target-changed"
    name = "Role target changed"
    description = "every cross-reference target of the source is in the translation"
    family = "markup"
    rest_only = True
    source_needs = (":`", "`:")
    honours_noqa = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if ":`" not in unit.source and "`:" not in unit.source:
            return
        if not _lost(unit, "role"):
            return
        diff = markup_diff(unit, ctx)
        if not diff.roles_missing:
            return
        terms = "".join(_glossary_says(m, ctx) for m in diff.roles_missing if m.startswith(":term:"))
        instead = f"; the translation has {listing(diff.roles_extra)} instead" if diff.roles_extra else ""
        yield (f"cross-reference {listing(diff.roles_missing)} is missing or points elsewhere"
               f"{instead}{terms}; the link is lost or goes to another target: keep the target, "
               f"e.g. :ref:`translated title <target>`{_role_hint(diff.roles_missing, unit.target)}")


def _quick(unit: Unit, side: str, kind: str) -> Counter[str]:
    """The scanner's literals or cross-references of one side, once per unit."""
    key = f"_quick_{side}_{kind}"
    cached = unit.__dict__.get(key)
    if cached is None:
        text = unit.source if side == "source" else unit.target
        cached = unit.__dict__[key] = (
            _quick_roles(text) if kind == "role" else Counter(rst.quick_literals(text)))
    return cached


def _lost(unit: Unit, kind: str) -> bool:
    """Does the scanner see something of the source's missing from the translation?

    Most translations copy every literal and role as written: the written texts are
    compared first (the same text is the same literal or target), and only when one
    differs are the roles taken apart to compare them as Sphinx resolves them.
    """
    if unit.source == unit.target or _written_kept(unit, kind):
        return False  # the same text scans the same
    if kind == "literal":
        return True  # a literal's key is its written text
    key = "_lost_role"
    cached = unit.__dict__.get(key)
    if cached is None:
        cached = unit.__dict__[key] = bool(_quick(unit, "source", kind) - _quick(unit, "target", kind))
    return cached


def _written_kept(unit: Unit, kind: str) -> bool:
    """Is every literal (or role) of the source, as written, read in the translation?"""
    key = f"_kept_{kind}"
    cached = unit.__dict__.get(key)
    if cached is None:
        if kind == "literal":
            source, target = rst.quick_literals(unit.source), rst.quick_literals(unit.target)
        else:
            source, target = rst.quick_role_texts(unit.source), rst.quick_role_texts(unit.target)
        cached = unit.__dict__[key] = not source or _contained(source, target)
    return cached


def _contained(part: list[str], whole: list[str]) -> bool:
    """Is every item of ``part`` in ``whole`` (as many times)? Usually one or two items."""
    if len(part) == 1:
        return part[0] in whole
    return not (Counter(part) - Counter(whole))


def _quick_roles(text: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for role, key, written in rst.quick_roles(text):
        role = role.lower()
        if role not in PROSE_ROLES:  # the scanner drops '!': put it back (no link)
            found[_canonical(role, ("!" if "`!" in written else "") + key)] += 1
    return found


#: A role as written, with any blanks between it and its text.
_ROLE_WRITTEN = re.compile(r":(?P<role>[A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)?):(?P<space>\s+)?`")


def _broken_roles(text: str) -> dict[str, str]:
    """Prose roles of ``text`` that reST does not read as roles, with why: a blank
    between the role and its text, or the role glued to the character before it.

    The written forms are only suspects (a role right after ``*emphasis*`` is read);
    docutils' reading of the text (:func:`rst.inline_markup`) decides.
    """
    written: Counter[str] = Counter()
    suspect: dict[str, str] = {}
    for match in _ROLE_WRITTEN.finditer(text):
        role, start = match.group("role").lower(), match.start()
        if role not in PROSE_ROLES:
            continue  # a cross-reference: role-target-changed reports it, with the same hint
        written[role] += 1
        if match.group("space"):
            suspect.setdefault(role, "a space between the role and its text")
        elif start and not rst.may_precede(text[start - 1]):
            suspect.setdefault(role, "glued to the text before it")
    if not suspect:
        return {}
    read = Counter(_role_of(key)[0] for key in rst.inline_markup(text).roles.elements())
    return {role: why for role, why in suspect.items() if read[role] < written[role]}


class RoleBroken(MessageCheck):
    """A role that shows text (``:file:``, ``:kbd:``, ``:dfn:``, ``:program:``...) written
    so that reST reads no role: ``:file: `setup.cfg``` (a space) or ``参见:kbd:`C```
    (glued to the word before). docutils says nothing; the page prints ``:file:`` as
    text and the rest in the default role's style. Cross-references broken the same way
    are ``role-target-changed``."""

    id = "role-broken"
    name = "Role broken"
    description = "every role of the source is still read as a role"
    family = "markup"
    source_needs = (":`",)
    rest_only = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if ":`" not in unit.source or "\n" in unit.source or unit.source == unit.target:
            return  # a literal block's text (a line break in the msgid) is not read as reST
        if _written_kept(unit, "role"):
            return  # every role of the source is read, as written, in the translation
        broken, before = _broken_roles(unit.target), _broken_roles(unit.source)
        for role, why in broken.items():
            if role not in before:
                yield (f"the translation writes :{role}: where reST reads no role ({why}): Sphinx "
                       f"prints ':{role}:' as text; write :{role}:`...` with no space, after a space "
                       "or punctuation (or an escaped space '\\ ')")


class TermLocalized(MessageCheck):
    """A ``:term:`` written with the glossary's translation of the term: it resolves in
    the translated build, and Sphinx logs an ``i18n.inconsistent_references`` warning."""

    id = "term-localized"
    name = "Term localized"
    description = "a :term: uses the glossary's translation of the source's term"
    family = "markup"
    rest_only = True
    source_needs = (":term:`",)
    severity = "info"
    honours_noqa = True

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if ":term:`" not in unit.source or ":term:`" not in unit.target:
            return
        if not _lost(unit, "role"):
            return
        for old, new in markup_diff(unit, ctx).terms:
            yield (f"{old} -> {new}, the glossary's translation: it resolves; Sphinx warns "
                   "(i18n.inconsistent_references) unless the message ends with #noqa")


class MarkupAdded(MessageCheck):
    """The translation adds inline literals or cross-references while keeping all of the
    source's: nothing is lost, so this is information only."""

    id = "markup-added"
    name = "Markup added"
    description = "the translation adds literals or cross-references the source lacks"
    family = "markup"
    rest_only = True
    severity = "info"
    target_needs = ("`",)

    def check_message(self, unit: Unit, ctx: CatalogContext) -> Iterable[str]:
        if "`" not in unit.target or unit.target.count("`") <= unit.source.count("`"):
            return  # nothing added (a changed literal is literal-changed's)
        if not (_quick(unit, "target", "literal") - _quick(unit, "source", "literal")) \
                and not (_quick(unit, "target", "role") - _quick(unit, "source", "role")):
            return
        diff = markup_diff(unit, ctx)
        added = ([f"``{e}``" for e in diff.literals_extra] if not diff.literals_missing else []) \
            + (diff.roles_extra if not diff.roles_missing else [])
        if added:
            yield f"the translation adds {listing(added)}; all of the source's markup is kept"
