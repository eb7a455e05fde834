"""One tenancy path (DESIGN.md §4): the tenant of a session is set only by the request dependency, the job runner
and ``db.tenancy.acting_for``. A new place that sets ``app.dealership_id`` (or ``session.info``'s tenant, or opens
a session for a dealership) fails here: use ``acting_for``, or say in DESIGN.md why a new place is needed."""

from __future__ import annotations

import ast
from pathlib import Path

import showroom.app

SRC = Path(showroom.app.__file__).parent

# Where the setting may be spelled: the mechanism (db.engine applies it at the start of every transaction), the
# request dependency (its authenticating statement, auth.queries, sets it), and the DDL helpers (RLS policies).
SETTING_ALLOWED = {"db/engine.py", "auth/queries.py", "db/ddl.py"}
# Who may write the tenant into session.info, or call the functions that do.
INFO_ALLOWED = {"db/engine.py", "db/tenancy.py"}
REMEMBER_ALLOWED = {"auth/deps.py"}  # the request dependency
SESSION_FOR_TENANT_ALLOWED = {"jobs.py"}  # the job runner: Database.session(dealership_id)


def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name.startswith("migrations/"):
            continue
        found.append((name, ast.parse(path.read_text(), filename=name)))
    return found


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    def called(node: ast.Call) -> str | None:
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None

    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and called(node) == name]


def test_only_the_request_dependency_the_job_runner_and_acting_for_set_the_tenant() -> None:
    offenders: list[str] = []
    for name, tree in _modules():
        for node in ast.walk(tree):
            spelled = isinstance(node, ast.Constant) and "app.dealership_id" in str(node.value)
            if spelled and name not in SETTING_ALLOWED:
                offenders.append(f"{name}:{getattr(node, 'lineno', 0)}: spells the app.dealership_id setting")
            stored = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store)
            if stored and isinstance(node.slice, ast.Constant) and node.slice.value in ("dealership_id", "user_id"):
                target = ast.unparse(node.value)
                if target.endswith("info") and name not in INFO_ALLOWED:
                    offenders.append(f"{name}:{node.lineno}: writes the tenant into {target}")
        for call in _calls(tree, "apply_tenant"):
            if name not in INFO_ALLOWED:
                offenders.append(f"{name}:{call.lineno}: calls apply_tenant (use db.tenancy.acting_for)")
        for call in _calls(tree, "remember_tenant"):
            if name not in REMEMBER_ALLOWED | INFO_ALLOWED:
                offenders.append(f"{name}:{call.lineno}: calls remember_tenant (the request dependency's)")
        for call in _calls(tree, "session"):
            if (call.args or call.keywords) and name not in SESSION_FOR_TENANT_ALLOWED:
                offenders.append(f"{name}:{call.lineno}: opens a session for a dealership (use acting_for)")
    assert offenders == [], "\n".join(offenders)


def test_the_check_finds_a_new_place() -> None:
    """The scan itself works: each kind of offence in a snippet is found."""
    snippet = ast.parse(
        "async def f(session, db):\n"
        "    session.info['dealership_id'] = 3\n"
        "    await session.execute(text(\"select set_config('app.dealership_id', '3', true)\"))\n"
        "    db.session(3)\n"
    )
    assert len(_calls(snippet, "session")) == 1
    stores = [n for n in ast.walk(snippet) if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store)]
    settings = [n for n in ast.walk(snippet) if isinstance(n, ast.Constant) and "app.dealership_id" in str(n.value)]
    assert len(stores) == 1 and len(settings) == 1
