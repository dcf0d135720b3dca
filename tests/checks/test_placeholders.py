"""Placeholder words localized inside a literal (``literal-placeholder-localized``) versus
code that changed (``literal-changed``).

The rows come from the patterns seen on the Spanish translation of the Python
documentation, rewritten here: what translators localize without loss (a metavariable
of a shape) and the edits that change what a reader would type or run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from check_helpers import E, entry_line, po_text
from concord.checks.base import Finding
from concord.checks.config import CheckConfig
from concord.checks.placeholders import localized, prose
from concord.checks.runner import Job, run

PLACEHOLDERS = [
    ("(host, port)", "(host, puerto)"),
    ("(name, value)", "(nombre, valor)"),
    ("name=value", "nombre=valor"),
    ("{expression}", "{expresión}"),
    ("<name>", "<nombre>"),
    ("YYYY-MM-DD", "AAAA-MM-DD"),
    ("HH:MM:SS", "hh:mm:ss"),
    ("str[start:end]", "str[inicio:fin]"),
    ("*rest, a = stuff", "*rest, a = cosas"),
    ("(message count, mailbox size)", "(número de mensajes, tamaño del buzón)"),
    ("#!/path/to/interpreter", "#!/ruta/al/intérprete"),
    ("<type>", "<tipo>"),                       # a built-in name, but alone in <...>
    ("t1 = t2 * f or t1 = f * t2", "t1 = t2 * f o t1 = f * t2"),  # prose between statements
    ("a = 1 and b = 2", "a = 1 y b = 2"),
    ("'r' or 'r:*'", "'r' o 'r:*'"),            # constants joined: alternatives listed
]

CODE = [
    ("True", "Verdadero"),                      # a constant
    ("mode", "modo"),                           # a bare name: nothing of the shape is kept
    ("os.path", "os.ruta"),                     # an attribute
    ("permutations(iter[, r])", "permutaciones(iter[, r])"),  # a function called
    ("reverse=True", "inverso=True"),           # a keyword argument with a value
    ("for x in data", "para x en datos"),       # a statement
    ("import module", "importar módulo"),
    ("(str, int)", "(cadena, entero)"),         # built-in names
    ("effective_ids=True", "effective_id=True"),  # an identifier
    ("getValue(x)", "obtenerValor(x)"),
    ("(first, last)", "(first, None)"),         # a placeholder became a value
    ('(1, 2, "three")', '(1, 2, "tres")'),      # a string's value
    ("--prefix", "--prefijo"),                  # an option typed as written
    ("-X faulthandler", "-X faulhandler"),
    ("python -m pip install", "python -m pie install"),
    ("[a-z]", "[a-c]"),                         # a character range
    ("U#", "z#"),                               # a format unit
    ("commands 1", "comandos 1"),               # a debugger command
    ("stdin=PIPE", "stdin = PIPE"),             # spacing changed
    ("XXX.YYY.ZZZ", "XXX. Yyy. ZZZ"),
    ("'+'", "’+’"),                             # typographic quotes
    ("word[1:3]", "kelime[1:3]"),               # a variable of the examples, subscripted
    ("Status:", "Stauts:"),                     # the same letters reordered: a typo
    ("**kwds", "**kdws"),
    ("<unknown>", "<unkownn>"),
    ("maintype/subtype", "maintypes/ubtype"),   # a letter moved across the shape
    ("(Status, value)", "(Stauts, valor)"),     # one word misspelt, the other translated
    ("x or y", "x o y"),                        # the operator documented
    ("a == 1 and b == 2", "a == 1 y b == 2"),
    ("<class>", "<clase>"),                     # a keyword, even in <...>
    ("str(network)", "str(red)"),               # an argument, with no prose to say so
]

#: (literal, translated literal, the message's prose, the translation's prose): a call's
#: argument the text names, renamed the way the translation's prose renames it.
ARGUMENTS_SAID = [
    ("str(network)", "str(red)", "the network address", "la dirección de red"),
    ("log(x)/log(base)", "log(x)/log(taban)", "to the given *base*", "verilen *taban* değerine"),
    ("f.write(string)", "f.write(cadena)", "writes the contents of *string*", "escribe el contenido de *cadena*"),
    ("sorted(iterable, key=key)", "sorted(iterable, key=clave)", "a key function", "una función clave"),
    ("len(value)", "len(值)", "the value", "这个值的长度"),    # a script without spaces
]

#: The same edits where the evidence is missing or the word is code.
ARGUMENTS_CODE = [
    ("GzipFile(filename, mode)", "GzipFile(nombre, modo)", "opens a file", "abre un archivo"),  # no prose
    ("str(network)", "str(red)", "the network address", "la dirección"),   # the new word unsaid
    ("timedelta(seconds=1)", "timedelta(segundos=1)", "in seconds", "en segundos"),  # a keyword's name
    ("isinstance(x, int)", "isinstance(x, entero)", "an int", "un entero"),  # a built-in
    ("permutations(iter)", "permutaciones(iter)", "permutations", "permutaciones"),  # the function
    ("os.path", "os.ruta", "a path", "una ruta"),                          # an attribute
    ("open(path)", "open(None)", "the path", "la ruta None"),               # became a constant
    ("print(word)", "print(wrod)", "the word", "la wrod"),                  # letters reordered
    ("get('name')", "get('nombre')", "the name", "el nombre"),             # a string's value
    ("f(x, y)", "f(x, z)", "x and y", "x y z"),                            # too short to tell
]


@pytest.mark.parametrize(("source", "target"), PLACEHOLDERS)
def test_placeholder_shapes_are_localized(source: str, target: str) -> None:
    assert localized(source, target)


@pytest.mark.parametrize(("source", "target"), CODE)
def test_code_changes_are_not_placeholders(source: str, target: str) -> None:
    assert not localized(source, target)


@pytest.mark.parametrize(("source", "target", "said", "says"), ARGUMENTS_SAID)
def test_an_argument_the_prose_names_is_a_placeholder(source: str, target: str, said: str, says: str) -> None:
    assert localized(source, target, (prose(said), prose(says)))


@pytest.mark.parametrize(("source", "target", "said", "says"), ARGUMENTS_CODE)
def test_an_argument_without_evidence_is_code(source: str, target: str, said: str, says: str) -> None:
    assert not localized(source, target, (prose(said), prose(says)))


def _nowhere(name: str) -> int:
    return 0


def _page_example(name: str) -> int:
    """The page's other messages show ``word`` and ``LC_ALL`` as code (``word[0]``)."""
    return 3 if name in ("word", "LC_ALL") else 0


#: Code with only variables renamed, the page using none of them elsewhere.
VARIABLES = [
    ("open(filename, mode, encoding=None)", "open(nombre_de_archivo, modo, encoding=None)"),
    ("file_size = os.stat(filename).st_size", "tamaño_de_archivo = os.stat(nombre_de_archivo).st_size"),
    ("isinstance(int(expression), int)", "isinstance(int(expresión), int)"),
    ("vars(some_class)[descriptor_name]", "vars(una_clase)[nombre_del_descriptor]"),
    ("lambda [parameters]: expression", "lambda [parametreler]: ifade"),
    ("len(seq)", "len(s)"),
]

#: Code where a changed name is the program's: the page's own example, the API, a value.
NOT_VARIABLES = [
    ("len(word)", "len(palabra)"),                        # the page's example variable
    ("setlocale(LC_ALL, x)", "setlocale(LC_TODO, x)"),    # a constant of the API
    ("setlocale(LC_CTYPE, x)", "setlocale(LC_TIPO, x)"),  # ALL_CAPS: needs the prose
    ("reverse=True", "inverso=True"),                     # a keyword argument
    ("timedelta(seconds=1)", "timedelta(segundos=1)"),
    ("import string", "import cadena"),                   # a module imported
    ("from pkg import string", "from pkg import cadena"),
    ("for x in data", "para x en datos"),                 # keywords translated
    ("x = obj.value", "x = obj.valor"),                   # an attribute
    ("obj.name", "objeto.nombre"),
    ("getLogger('server')", "getLogger('servidor')"),     # a string's value
    ("print(word)", "print(wrod)"),                       # a typo
    ("open(data)", "open(None)"),                         # a value
    ("isinstance(x, int)", "isinstance(x, entero)"),      # a built-in
    ("python -m pip install", "python -m pie install"),   # a command, not code
    ("--prefix", "--prefijo"),
    ("mode", "modo"),                                     # nothing kept
]


@pytest.mark.parametrize(("source", "target"), VARIABLES)
def test_variables_renamed_are_placeholders(source: str, target: str) -> None:
    assert localized(source, target, ("", ""), _page_example)


@pytest.mark.parametrize(("source", "target"), NOT_VARIABLES)
def test_names_of_the_program_are_not_placeholders(source: str, target: str) -> None:
    assert not localized(source, target, ("", ""), _page_example)
    assert not localized(source, target, ("", ""), None)


def test_without_the_page_a_variable_needs_the_prose() -> None:
    assert not localized("open(filename)", "open(nombre)", ("", ""), None)
    assert localized("open(filename)", "open(nombre)", ("", ""), _nowhere)


EMPHASIZED = [  # a shape of operators: the prose sets the metavariables in *emphasis*
    ("format % values", "formato % valores", "Given *format* and *values*", "Dados *formato* y *valores*", True),
    ("format % values", "formato % valores", "Given a format and values", "Dados un formato y valores", False),
    ("-c command", "-c comando", "runs *command*", "ejecuta *comando*", True),
    ("--prefix", "--prefijo", "the *prefix*", "el *prefijo*", False),     # an option
    ("mode", "modo", "the *mode*", "el *modo*", False),                   # nothing kept
]


@pytest.mark.parametrize(("source", "target", "said", "says", "expected"), EMPHASIZED)
def test_a_shape_of_operators_needs_emphasis(source: str, target: str, said: str, says: str,
                                             expected: bool) -> None:
    assert localized(source, target, (prose(said), prose(says))) is expected


def test_a_variable_the_page_uses_elsewhere_stays_an_error(tmp_path: Path) -> None:
    """``word`` of the page's examples (``word[0]`` in another message) keeps its name;
    the same rename on a page that shows it nowhere else is a placeholder."""
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = "Use ``len(word)`` here."
    page = po_text([E("The first is ``word[0]``.", "El primero es ``word[0]``."),
                    E(source, "Use ``len(palabra)`` aquí.")], "es")
    alone = po_text([E(source, "Use ``len(palabra)`` aquí.")], "es")
    (folder / "page.po").write_text(page, "utf-8")
    (folder / "alone.po").write_text(alone, "utf-8")
    jobs = [Job(folder / "page.po", "page.po", lang="es"), Job(folder / "alone.po", "alone.po", lang="es")]
    result = run(jobs, sources=None, config=CheckConfig(), workers=1)
    found = sorted((f.path.rsplit("/", 1)[-1], f.check) for f in result.findings if "len(word)" in f.message)
    assert found == [("alone.po", "literal-placeholder-localized"), ("page.po", "literal-changed")]


def test_prose_leaves_out_literals_and_cross_references() -> None:
    """A word inside the message's code or links is no evidence that the text names it."""
    assert not localized("str(network)", "str(red)",
                         (prose("``network`` and :class:`network`"), prose("``red`` y :class:`red`")))


def _checked(tmp_path: Path, source: str, target: str) -> list[Finding]:
    """What concord finds at one Spanish entry, checked from a catalog alone."""
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    text = po_text([E(source, target)], "es")
    (folder / "doc.po").write_text(text, "utf-8")
    result = run([Job(folder / "doc.po", "doc.po", lang="es")], sources=None, config=CheckConfig(), workers=1)
    return [f for f in result.findings if f.line == entry_line(text, source)]


def _findings(tmp_path: Path, source: str, target: str) -> list[Finding]:
    return _checked(tmp_path, f"Use ``{source}`` here.", f"Use ``{target}`` aquí.")


def test_a_localized_placeholder_is_a_warning_not_an_error(tmp_path: Path) -> None:
    found = _findings(tmp_path, "(host, port)", "(host, puerto)")
    assert [(f.check, f.severity) for f in found] == [("literal-placeholder-localized", "warning")]
    assert "``(host, port)`` -> ``(host, puerto)``" in found[0].message


def test_an_argument_named_in_both_proses_is_a_warning(tmp_path: Path) -> None:
    """The evidence is read from the entry itself: the msgid's and the msgstr's prose."""
    found = _checked(tmp_path, "The same as ``str(network)``, the network address.",
                     "Lo mismo que ``str(red)``, la dirección de red.")
    assert [(f.check, f.severity) for f in found] == [("literal-placeholder-localized", "warning")]


def test_changed_code_stays_an_error(tmp_path: Path) -> None:
    found = _findings(tmp_path, "reverse=True", "inverso=True")
    assert [(f.check, f.severity) for f in found] == [("literal-changed", "error")]


def test_one_literal_localized_and_another_changed(tmp_path: Path) -> None:
    """Each literal is judged on its own: the placeholder is a warning, the code an error."""
    findings = _checked(tmp_path, "Pass ``(host, port)`` and ``True``.", "Pase ``(host, puerto)`` y ``Verdadero``.")
    found = sorted((f.check, f.severity) for f in findings)
    assert found == [("literal-changed", "error"), ("literal-placeholder-localized", "warning")]
    changed = next(f for f in findings if f.check == "literal-changed")
    assert "``True``" in changed.message and "(host, port)" not in changed.message
