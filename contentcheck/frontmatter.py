"""The front matter of every post, checked against ``post.schema.json`` with jsonschema.

The schema holds the static rules (types, lengths, slug format, allowed tags); the author
ids and categories are filled in from the project when it is loaded. What a schema cannot
say is checked below it: a title from the first heading, dates not in the future unless the
post is a draft, and placeholders left by ``make post`` in a post that is being published.
Every problem names the file, the field and what to do (the schema's ``x-fix``).
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from .project import Post, Problem, Project, first_heading, outside_code

SCHEMA_FILE = Path(__file__).with_name("post.schema.json")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLACEHOLDER = "TODO"


@lru_cache(maxsize=1)
def base_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def allowed_tags() -> list[str]:
    return list(base_schema()["$defs"]["tag"]["enum"])


def schema_for(project: Project) -> dict[str, Any]:
    """The schema with this project's author ids and categories filled in."""
    schema = copy.deepcopy(base_schema())
    schema["$defs"]["author"]["enum"] = sorted(project.authors)
    schema["$defs"]["category"]["enum"] = project.categories
    return schema


def check_posts(project: Project, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    validator = Draft202012Validator(schema_for(project))
    problems: list[Problem] = []
    for post in project.posts():
        problems += check_post(post, validator, today)
    return problems


def check_post(post: Post, validator: Draft202012Validator, today: date) -> list[Problem]:
    if post.error:
        return [Problem(post.rel, "front matter", post.error, 1)]
    data = _as_json(post.meta)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    problems = [problem for error in errors for problem in _explain(post, error)]
    problems += _title(post)
    problems += _file_name(post)
    problems += _dates(post, today)
    problems += _placeholders(post)
    return sorted(problems, key=lambda p: p.line or 0)


def _as_json(value: Any) -> Any:
    """YAML values as JSON would have them: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _hint(name: str) -> str:
    prop = base_schema()["properties"].get(name)
    return prop.get("x-fix", "") if prop else base_schema()["x-fix-unknown"]


def _field(path: list[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _explain(post: Post, error: ValidationError) -> list[Problem]:
    """One jsonschema error as problems naming the file, the field and what to do."""
    path = list(error.absolute_path)
    value, kind = error.instance, error.validator
    if kind == "required":
        top = str(path[0]) if path else None
        return [Problem(post.rel, _field([*path, name]), f"is missing: {_hint(top or name)}",
                        post.line_of(top or name) or 1)
                for name in error.validator_value if name not in value]
    if kind == "additionalProperties" and not path:
        known = base_schema()["properties"]
        return [Problem(post.rel, name, f"is not a known field: {_hint(name)}", post.line_of(name))
                for name in value if name not in known]
    top = str(path[0]) if path else "front matter"
    hint = _hint(top)
    if kind == "enum":
        allowed = ", ".join(map(str, error.validator_value)) or "none yet"
        what = f"{value!r} is not allowed (allowed: {allowed})"
    elif kind in ("minLength", "maxLength") and "maxLength" in error.schema and "minLength" in error.schema:
        what = (f"is {len(value)} characters long; it must be {error.schema['minLength']} to "
                f"{error.schema['maxLength']}")
    elif kind == "minLength":
        what = "is empty"
    elif kind == "maxLength":
        what = f"is {len(value)} characters long, longer than {error.validator_value}"
    elif kind == "type":
        what = f"must be {_type_name(error.validator_value)}, not {_type_name(_json_type(value))}"
    elif kind == "pattern":
        what = f"{value!r} has the wrong format"
    elif kind == "oneOf" and top == "date":
        what = f"{value!r} is not a date"
    elif kind == "minItems":
        what = "is an empty list"
    elif kind == "uniqueItems":
        what = "lists the same item twice"
    else:
        what = error.message
    return [Problem(post.rel, _field(path) or top, f"{what}: {hint}", post.line_at(path) or post.line_of(top))]


_NAMES = {"array": "a list", "string": "text", "object": "a mapping", "boolean": "true or false",
          "integer": "a whole number", "number": "a number", "null": "empty"}


def _type_name(kind: Any) -> str:
    return _NAMES.get(kind, str(kind)) if isinstance(kind, str) else " or ".join(map(_type_name, kind))


def _json_type(value: Any) -> str:
    for name, types in (("boolean", bool), ("integer", int), ("number", float), ("string", str),
                        ("array", list), ("object", dict)):
        if isinstance(value, types):
            return name
    return "null"


def _title(post: Post) -> list[Problem]:
    if post.meta.get("title") or first_heading(post.body):
        return []
    return [Problem(post.rel, "title", f"is missing: {_hint('title')}", post.body_start)]


def _file_name(post: Post) -> list[Problem]:
    if SLUG.match(post.path.stem):
        return []
    return [Problem(post.rel, "file name", f"{post.path.name!r} is not a slug: name the file like "
                    "the post's slug, in lowercase words joined by hyphens (my-first-post.md)")]


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None  # the schema already reports it


def _dates(post: Post, today: date) -> list[Problem]:
    raw = post.meta.get("date")
    dates = raw if isinstance(raw, dict) else {"created": raw}
    created, updated = _day(dates.get("created")), _day(dates.get("updated"))
    def line(name: str) -> int | None:
        return post.line_at(["date", name] if isinstance(raw, dict) else ["date"])

    problems = []
    if post.meta.get("draft") is not True:
        for name, day in (("created", created), ("updated", updated)):
            if day and day > today:
                problems.append(Problem(post.rel, f"date.{name}" if isinstance(raw, dict) else "date",
                                        f"{day} is in the future: only a draft may have a future "
                                        "date; set 'draft: true' or fix the date", line(name)))
    if created and updated and updated < created:
        problems.append(Problem(post.rel, "date.updated", f"{updated} is before the creation date "
                                f"{created}: fix one of them", line("updated")))
    return problems


def _placeholders(post: Post) -> list[Problem]:
    if post.meta.get("draft") is True:
        return []  # a draft may keep the scaffold's placeholders
    fix = "replace it before publishing, or keep 'draft: true'"
    problems = [
        Problem(post.rel, name, f"still holds the placeholder written by 'make post' ({value!r}): {fix}",
                post.line_of(name))
        for name, value in post.meta.items()
        if isinstance(value, str) and PLACEHOLDER in value
    ]
    problems += [
        Problem(post.rel, "body", f"a placeholder paragraph written by 'make post' is left: {fix}",
                post.body_start + number - 1)
        for number, line in outside_code(post.body) if line.startswith(f"{PLACEHOLDER}:")
    ]
    return problems
