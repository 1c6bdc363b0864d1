"""Check loaded data against a schema (cv.yaml's, a letter's); every problem comes back with its
place in the file."""

from __future__ import annotations

import difflib
import json
import types
import typing
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from texcv.errors import Code, InputError, InputErrors, shorten
from texcv.schema import CV
from texcv.schema.entries import ENTRY_KINDS
from texcv.schema.forms import Form
from texcv.schema.localized import language_context
from texcv.source.yaml_reader import DataPath, Loaded, PlainScalar, as_typed, format_path

M = TypeVar("M", bound=BaseModel)


def validate(loaded: Loaded, language: str | None = None) -> CV:
    """The CV model, or InputErrors listing every problem in file order.

    Per-language text keeps ``language`` (default: the CV's own `locale`).
    """
    return validate_as(CV, loaded, language)


def validate_as(model: type[M], loaded: Loaded, language: str | None = None) -> M:
    """``loaded`` as a ``model`` (the root of its file), or InputErrors in file order."""
    data = as_typed(loaded.data, loaded.positions.typed)  # text fields keep what was typed
    try:
        return model.model_validate(data, context=language_context(loaded.data, language))
    except ValidationError as error:
        raise InputErrors([_translate(item, loaded, model) for item in error.errors()]) from None


# pydantic's error types, by the kind of problem they are (Code); others: INVALID_VALUE.
_CODES = {
    "missing": Code.MISSING_FIELD,
    "extra_forbidden": Code.UNKNOWN_KEY,
    "union_tag_invalid": Code.UNKNOWN_ENTRY_KIND,
    "model_attributes_type": Code.WRONG_TYPE,
    "model_type": Code.WRONG_TYPE,
    "dict_type": Code.WRONG_TYPE,
    "string_type": Code.WRONG_TYPE,
    "list_type": Code.WRONG_TYPE,
    "int_type": Code.WRONG_TYPE,
    "int_parsing": Code.WRONG_TYPE,
    "bool_type": Code.WRONG_TYPE,
    "literal_error": Code.VALUE_NOT_ALLOWED,
    "string_pattern_mismatch": Code.BAD_FORMAT,
}


def _data_path(loc: tuple[Any, ...]) -> DataPath:
    """pydantic's loc without the union tags it inserts after ``entries[i]``: a path into data."""
    path: list[str | int] = []
    for part in loc:
        is_tag = len(path) >= 2 and path[-2] == "entries" and isinstance(path[-1], int)
        if is_tag and part in ENTRY_KINDS:
            continue
        path.append(part)
    return tuple(path)


def _translate(item: Any, loaded: Loaded, root: type[BaseModel]) -> InputError:
    kind: str = item["type"]
    path = _data_path(tuple(item["loc"]))
    positions = loaded.positions
    value = item.get("input")
    hint = None
    code = _CODES.get(kind, Code.INVALID_VALUE)
    if kind == "missing":
        field = path[-1]
        message = f"missing required field '{field}'"
        parent = path[:-1]
        named = bool(parent) and isinstance(parent[-1], str) and parent in positions.keys
        location = positions.locate(parent, key=named)
        hint = _add_field_hint(tuple(item["loc"]), root)
        value = None
    elif kind == "extra_forbidden":
        field = path[-1]
        allowed = _allowed_keys(tuple(item["loc"][:-1]), root)
        close = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
        message = f"unknown key '{field}'"
        if close:
            message += f"; did you mean '{close[0]}'?"
        if allowed:
            hint = f"allowed here: {', '.join(allowed)}"
        location = positions.locate(path, key=True)
        value = None
    elif kind == "union_tag_invalid":
        tag = item.get("ctx", {}).get("tag")
        expected = item.get("ctx", {}).get("expected_tags", "")
        message = f"unknown entry kind '{tag}'; expected one of {expected}"
        location = positions.locate((*path, "kind"))
        value = None
    elif kind in ("model_attributes_type", "model_type", "dict_type"):
        message = f"expected a mapping (key: value lines), got {_type_name(value)}"
        location = positions.locate(path)
    elif kind == "string_type":
        message = f"expected text, got {_type_name(value)}"
        # A block mapping or list starts on the line below its key: point at the key.
        location = positions.locate(path, key=isinstance(value, dict) and path in positions.keys)
        if isinstance(value, (dict, list)):
            hint = "quote the text if it contains ': ' or starts with '[', '{' or '-'"
    elif kind == "list_type":
        message = f"expected a list, got {_type_name(value)}"
        location = positions.locate(path)
        hint = "write one item per line, each starting with '- '"
    elif kind == "literal_error":
        expected = item.get("ctx", {}).get("expected", "")
        message = f"{shorten(value)} is not allowed here; expected {expected}"
        options = [o.strip(" '") for o in str(expected).replace(" or ", ",").split(",")]
        close = difflib.get_close_matches(str(value), [o for o in options if o], n=1, cutoff=0.5)
        if close:
            message += f"; did you mean '{close[0]}'?"
        location = positions.locate(path)
        value = None
    elif kind == "too_short":
        least = (item.get("ctx") or {}).get("min_length", 1)
        given = len(value) if isinstance(value, (list, dict)) and value else "none"
        message = f"expected at least {least} item{'s' if least != 1 else ''}, got {given}"
        location = positions.locate(path)
        value = None
    elif kind == "string_pattern_mismatch":
        form = _form_at(tuple(item["loc"]), root)
        if form is not None:
            message, hint = form.message(str(value)), form.hint()
        else:
            message = f"{shorten(value)} is not in the expected form"
            hint = _examples_hint(tuple(item["loc"]), root)
        location = positions.locate(path)
        value = None
    else:
        message = item["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        context = item.get("ctx") or {}
        field = context.get("field")
        if field and isinstance(value, dict) and field in value:  # a check across fields
            path, value = (*path, field), value[field]
        hint = context.get("hint")
        location = positions.locate(path)
    return InputError(
        message,
        location=location,
        path=format_path(path) or None,
        value=shorten(value) if value is not None and not isinstance(value, (dict, list)) else None,
        hint=hint,
        code=code,
    )


def _field_info(loc: tuple[Any, ...], root: type[BaseModel]) -> FieldInfo | None:
    """The schema's own description of the field at ``loc``."""
    model = _model_in(_follow(loc[:-1], root), None)
    return model.model_fields.get(str(loc[-1])) if model else None


def _form_at(loc: tuple[Any, ...], root: type[BaseModel]) -> Form | None:
    """The `Form` (texcv.schema.forms) of the value at ``loc``: a field's, a list item's, or
    a mapping key's (pydantic ends a key's loc with ``[key]``)."""
    *parent, last = loc
    if last == "[key]":  # the mapping is one level up: variants.NAME.[key]
        args = get_args(_follow(tuple(parent[:-1]), root))
        return _form_in(args[0]) if args else None
    container = _follow(tuple(parent), root)
    if isinstance(last, int):  # an item of a list field
        args = get_args(container)
        return _form_in(args[0]) if args else None
    model = _model_in(container, None)
    info = model.model_fields.get(str(last)) if model else None
    if info is None:
        return None
    return _form_in(info.metadata) or _form_in(info.annotation)


def _form_in(annotation: Any) -> Form | None:
    """The first Form in an annotation's metadata (through Optional and Annotated)."""
    if isinstance(annotation, Form):
        return annotation
    if isinstance(annotation, (list, tuple)):
        items = annotation
    elif get_origin(annotation) in (typing.Annotated, typing.Union, types.UnionType):
        items = get_args(annotation)
        if get_origin(annotation) is typing.Annotated:
            items = annotation.__metadata__
    else:
        return None
    for item in items:
        found = _form_in(item)
        if found is not None:
            return found
    return None


def _examples_hint(loc: tuple[Any, ...], root: type[BaseModel]) -> str | None:
    """``for example: 2cm, 0.75in``, from the field's examples."""
    info = _field_info(loc, root)
    if info is None or not info.examples:
        return None
    return "for example: " + ", ".join(str(example) for example in info.examples)


def _add_field_hint(loc: tuple[Any, ...], root: type[BaseModel]) -> str | None:
    """``add 'title: Ph.D. Student' (What: degree, ...)``, from the field's own schema text."""
    info = _field_info(loc, root)
    if info is None:
        return None
    shown = f"{loc[-1]}:"
    example = info.examples[0] if info.examples else None
    if example is not None and not _nested(example):
        shown += f" {json.dumps(example, ensure_ascii=False)}"
    about = f" ({info.description.rstrip('.')})" if info.description else ""
    return f"add a line like `{shown}`{about}"


def _nested(example: Any) -> bool:
    """Too big for a one-line hint: a mapping, or a list holding mappings or lists."""
    if isinstance(example, list):
        return any(isinstance(item, (dict, list)) for item in example)
    return isinstance(example, dict)


def _type_name(value: Any) -> str:
    if isinstance(value, PlainScalar):
        value = value.value  # `header: 5` is "the number 5"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text {shorten(value)}"


def _allowed_keys(loc: tuple[Any, ...], root: type[BaseModel]) -> list[str]:
    """Field names of the model at ``loc`` (following discriminator tags), for suggestions."""
    model = _model_in(_follow(loc, root), None)
    return list(model.model_fields) if model else []


def _follow(loc: tuple[Any, ...], root: type[BaseModel]) -> Any:
    """The type found at ``loc`` inside the ``root`` model (None when it leads nowhere)."""
    current: Any = root
    for part in loc:
        current = _model_in(current, part)
        if current is None:
            return None
    return current


def _model_in(annotation: Any, part: Any) -> Any:
    """Step from a type to the model one loc part further in (or the model itself)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if part is None:
            return annotation
        if isinstance(part, str) and part in annotation.model_fields:
            return annotation.model_fields[part].annotation
        return None
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is typing.Annotated:
        return _model_in(args[0], part)
    if origin in (list, tuple):
        return args[0] if isinstance(part, int) else _model_in(args[0], part)
    if origin in (typing.Union, types.UnionType):
        models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        for model in models:  # a discriminator tag names the model
            kind = model.model_fields.get("kind")
            if kind is not None and kind.default == part:
                return model
        for arg in args:
            if arg is type(None):
                continue
            found = _model_in(arg, part)
            if found is not None:
                return found
    return None
