"""``--tm``: PostgreSQL DSNs in every form recognised, passwords never printed, typos refused."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from concord.cli import main
from concord.errors import ConcordError
from concord.tm.dsn import display, parse_spec, scrub

PG_DSN = os.environ.get("CONCORD_TEST_PG_DSN", "")

RECOGNISED = [
    pytest.param("postgresql://me:secret@db.example:5433/tm", id="uri-userinfo"),
    pytest.param("postgres://me@db.example/tm?password=secret", id="uri-query-password"),
    pytest.param("POSTGRESQL://me:p%40ss@db/tm", id="uri-encoded-at-upper-scheme"),
    pytest.param("postgresql:///tm?host=/var/run/postgresql", id="uri-socket"),
    pytest.param("postgresql://h1:5432,h2:5433/tm?target_session_attrs=read-write", id="uri-multi-host"),
    pytest.param("host=db.example dbname=tm user=me password=secret", id="keyword-value"),
    pytest.param("dbname = tm password = 'se cret' host=db", id="keyword-value-quoted"),
]


@pytest.mark.parametrize("spec", RECOGNISED)
def test_postgresql_dsns_are_recognised_and_shown_without_password(spec: str) -> None:
    parsed = parse_spec(spec)
    assert parsed.backend == "postgresql" and parsed.dsn.lower() == spec.lower()
    assert "secret" not in parsed.shown and "se cret" not in parsed.shown and "p@ss" not in parsed.shown
    assert "tm" in parsed.shown, "the database stays visible"


SQLITE = [
    pytest.param("tm/concord.sqlite", id="sqlite"),
    pytest.param("memory.db", id="db"),
    pytest.param("x/memory.SQLITE3", id="sqlite3-upper"),
]


@pytest.mark.parametrize("spec", SQLITE)
def test_sqlite_paths_by_suffix(spec: str) -> None:
    assert parse_spec(spec).backend == "sqlite"


def test_an_existing_file_of_any_name_is_sqlite(tmp_path: Path) -> None:
    existing = tmp_path / "my=memory"
    existing.write_bytes(b"")
    assert parse_spec(str(existing)).backend == "sqlite"


REFUSED = [
    pytest.param("localhost:5432/tm", "is neither an existing file", id="host-port-path"),
    pytest.param("tm/concord", "is neither an existing file", id="no-suffix"),
    pytest.param("host=db password=secret dbname", "libpq cannot parse it", id="broken-keyword-value"),
    pytest.param("postgresql://me:p@ss@db/tm", "unencoded '@'; percent-encode it as %40", id="unencoded-at"),
]


@pytest.mark.parametrize(("spec", "advice"), REFUSED)
def test_other_strings_are_refused_and_never_created(spec: str, advice: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["tm", "stats", "--tm", spec]) == 2
    err = capsys.readouterr().err
    assert advice in err
    assert "secret" not in err and "p@ss" not in err and "ss@db" not in err
    assert list(tmp_path.rglob("*")) == [], "nothing created"


def test_scrub_removes_the_password_and_pgpassword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGPASSWORD", "envsecret")
    text = scrub('FATAL: password "secret" or "envsecret" rejected', "host=h password=secret")
    assert text == 'FATAL: password "***" or "***" rejected'
    assert sorted(display("host=h password=secret user=me").split()) == ["host=h", "user=me"]


@pytest.fixture
def pg_schema() -> Iterator[tuple[dict[str, str], str]]:
    """The test server's connection parameters and a fresh schema (dropped afterwards)."""
    if not PG_DSN:
        pytest.skip("PostgreSQL variant: run `source .ci/postgres.sh` to set CONCORD_TEST_PG_DSN")
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f'CREATE SCHEMA "{schema}"')
    yield {k: str(v) for k, v in conninfo_to_dict(PG_DSN).items()}, schema
    with psycopg.connect(PG_DSN, autocommit=True) as db:
        db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.postgres
def test_real_server_through_every_form_never_prints_the_password(
        pg_schema: tuple[dict[str, str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from urllib.parse import quote

    params, schema = pg_schema
    password = params.pop("password", "")
    options = f"-c search_path={schema},public"
    base = " ".join(f"{k}='{v}'" for k, v in params.items()) + f" options='{options}'"
    uri_tail = f"{params.get('host', '')}:{params.get('port', '5432')}/{params['dbname']}"
    forms = {
        "keyword-value": f"{base} password='{password}'",
        "uri-userinfo": f"postgresql://{params['user']}:{quote(password, safe='')}@{uri_tail}"
                        f"?options={quote(options)}",
        "uri-query": f"postgres://{params['user']}@{uri_tail}?password={quote(password, safe='')}"
                     f"&options={quote(options)}",
    }
    monkeypatch.chdir(tmp_path)
    for name, dsn in forms.items():
        assert main(["tm", "stats", "--tm", dsn]) == 0, name
        out, err = capsys.readouterr()
        assert "(postgresql): 0 units" in out, name
        assert "password" not in out + err and _absent(password, out + err, base), name
    monkeypatch.setenv("PGPASSWORD", password)
    assert main(["tm", "stats", "--tm", base]) == 0
    out, err = capsys.readouterr()
    assert "(postgresql): 0 units" in out and _absent(password, out + err, base)
    wrong = "wr0ng-Secret-4711"
    monkeypatch.delenv("PGPASSWORD")
    code = main(["tm", "stats", "--tm", f"{base} password='{wrong}'"])
    out, err = capsys.readouterr()
    assert wrong not in out + err and "password=" not in out + err
    assert code == 0 or "cannot connect to the PostgreSQL memory" in err, "trust auth accepts any password"
    assert list(tmp_path.iterdir()) == [], "no SQLite file named after a DSN"


def _absent(password: str, printed: str, base: str) -> bool:
    """The password is not printed (when it is also the user name, only its key can be checked)."""
    return not password or password in base or password not in printed
