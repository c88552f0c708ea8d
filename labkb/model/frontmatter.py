"""Front matter: split a Markdown file into YAML data and body, keeping line numbers.

Values come back as `Node`s that remember the 1-based line they start on, so every
message can point at the line to fix. Dates are NOT turned into `datetime.date`
here (PyYAML raises on 2024-02-30); they stay text and the checker validates them.

Front matter comes from outside contributors, so reading it must take bounded time
and memory whatever it holds. Before any node is built, the YAML is measured (at most
`MAX_FRONT_MATTER_BYTES`, or `MAX_DATA_BYTES` for a data file) and its event stream
is scanned: anchors and aliases (the "billion laughs" bomb), explicit tags (`!!python/
tuple`, `!custom`) and nesting deeper than `MAX_DEPTH` are refused with the line.
The scan stops at the first problem, so even 100,000 nested brackets cost nothing;
composing them would crash libyaml (a segmentation fault), not raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import yaml

from labkb.model.findings import Finding
from labkb.model.messages import Message, msg

Scalar = str | int | float | bool | None


@dataclass
class Node:
    """A YAML value and the file line it starts on."""

    value: dict[str, Node] | list[Node] | Scalar
    line: int
    key_line: int = 0  # for mapping values: the line of the key
    unquoted: bool = False  # a scalar written without quotes

    def plain(self) -> Any:
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


@dataclass
class FrontMatterError:
    """A problem of YAML syntax, at a line. Its message says "the front matter" (`{where}`);
    a reader of a data file names its file instead (`finding(path, "data-file")`)."""

    line: int
    detail: Message

    @property
    def message(self) -> str:
        return str(self.detail)

    def finding(self, path: str, where: str = "front-matter") -> Finding:
        """The finding at `path`; `where` names what was read (part.where.<where> of data/messages.yml)."""
        detail = self.detail
        if any(name == "where" for name, _ in detail.values):
            detail = replace(detail, values=tuple((n, _where(where) if n == "where" else v) for n, v in detail.values))
        return Finding.of(path, self.line, detail)


def _where(what: str) -> Message:
    return msg(f"part.where.{what}")


def _error(line: int, code: str, /, **values: object) -> FrontMatterError:
    """A YAML problem about the front matter (`{where}` in its message)."""
    return FrontMatterError(line, msg(code, where=_where("front-matter"), **values))


@dataclass
class Document:
    """A Markdown file split into front matter and body."""

    meta: Node | None  # a mapping Node, or None when there is no front matter
    body: str
    body_line: int  # file line of the body's first line
    errors: list[FrontMatterError]

    @property
    def fields(self) -> dict[str, Node]:
        return self.meta.value if self.meta and isinstance(self.meta.value, dict) else {}


# libyaml's parser (in PyYAML's wheels) is several times faster and keeps line marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]  # mypy cannot type a base chosen at run time
    """SafeLoader that keeps timestamps as text (validated later, never raised on)
    and reads only true/false as booleans."""


# YAML 1.1 reads yes/no/on/off as booleans ("answer: no" would be False): like YAML 1.2,
# only true and false are booleans here, and dates stay text.
_Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    _Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), [_first]
    )


# Limits (docs/content-model.md, "Limits"). The largest front matter in content/ is
# 3,046 bytes (a workshop report with its programme), nesting 4 levels; the largest data
# file is 13,681 bytes (data/labels.yml), the deepest 5 levels (data/survey/).
MAX_FRONT_MATTER_BYTES = 16 * 1024
MAX_DATA_BYTES = 1024 * 1024
MAX_DEPTH = 8

_FRONT_MATTER_ADVICE = "part.shorten-front-matter"
_DATA_ADVICE = "part.shorten-data"


def parse(text: str) -> Document:
    """Split `text` into front matter and body. Never raises on bad input."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.lstrip("\ufeff")
    # Line by line up to the closing line only: the body is the rest of the text, as it is.
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != "---":
        return Document(None, text, 1, [])
    start, end, closing = first_end + 1, 1, None
    while first_end >= 0:
        line_end = text.find("\n", start)
        if (text[start:] if line_end < 0 else text[start:line_end]).rstrip() in ("---", "..."):
            closing = line_end
            break
        if line_end < 0:
            break
        start, end = line_end + 1, end + 1
    if closing is None:
        return Document(
            None,
            text,
            1,
            [FrontMatterError(1, msg("front-matter.never-closed"))],
        )
    yaml_text = text[first_end + 1 : start - 1] if end > 1 else ""
    body = text[closing + 1 :] if closing >= 0 else ""
    body_line = end + 2
    meta, errors = _load(yaml_text, 2, MAX_FRONT_MATTER_BYTES, _FRONT_MATTER_ADVICE)
    return Document(meta, body, body_line, errors)


def load_yaml(
    yaml_text: str, first_line: int = 1, max_bytes: int = MAX_DATA_BYTES
) -> tuple[Node | None, list[FrontMatterError]]:
    """Parse a YAML mapping (a data file or front matter) into line-aware Nodes.

    Messages say "the front matter"; callers reading a data file replace the words."""
    return _load(yaml_text, first_line, max_bytes, _DATA_ADVICE)


def _load(yaml_text: str, first_line: int, max_bytes: int, advice: str) -> tuple[Node | None, list[FrontMatterError]]:
    if not yaml_text.strip():
        return Node({}, first_line), []
    size = len(yaml_text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return None, [_error(first_line, "yaml.too-large", size=size, limit=max_bytes, advice=msg(advice))]
    try:
        events: list[yaml.Event] = []
        refused = _refused(yaml_text, first_line, events)
        if refused:
            return None, [refused]
        loader = _Loader(yaml_text)
        try:
            errors: list[FrontMatterError] = []
            built = _built(loader, events, first_line, errors)
            if built is not None:
                node = built
            else:  # not a stream of one document: composed by the parser, which reads the text again
                errors = []
                root = loader.get_single_node()
                if root is None:
                    return Node({}, first_line), []
                node = _convert(loader, root, first_line, errors)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return None, [_explain(exc, first_line, yaml_text)]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        return None, [_error(first_line, "yaml.invalid", error=str(exc))]
    if not isinstance(node.value, dict):
        return None, [_error(first_line, "yaml.not-a-mapping", found=_yaml_kind(node))]
    return node, errors


def _refused(yaml_text: str, first_line: int, events: list[yaml.Event] | None = None) -> FrontMatterError | None:
    """The first anchor, alias, explicit tag or too deep nesting, found from the parser's
    events alone (no node is built; libyaml's parser keeps its own stack, no recursion).
    Raises yaml.YAMLError for text that is not YAML, as composing it would.

    `events`: a list that gets every event read (all of them when nothing is refused)."""
    loader = _Loader(yaml_text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if events is not None:
                events.append(event)
            kind = type(event)
            if kind is yaml.ScalarEvent and event.anchor is None and event.tag is None:
                continue  # most events: a plain value, nothing to refuse
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                continue
            line = event.start_mark.line + first_line
            if isinstance(event, yaml.AliasEvent):
                return _error(line, "yaml.alias", name=event.anchor)
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                return _error(line, "yaml.anchor", name=event.anchor)
            tag = getattr(event, "tag", None)
            if tag is not None:
                return _error(line, "yaml.tag", tag=_written(tag))
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return _error(line, "yaml.too-deep", depth=MAX_DEPTH)
    finally:
        loader.dispose()
    return None


def _written(tag: str) -> str:
    """A tag as it is usually written: '!!python/tuple' rather than 'tag:yaml.org,2002:python/tuple'."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


_TEXT_TAG = "tag:yaml.org,2002:str"
_TEXT_IS_PLAIN = _Loader.yaml_constructors.get(_TEXT_TAG) is yaml.constructor.SafeConstructor.construct_yaml_str


def _built(loader: _Loader, events: list[yaml.Event], first_line: int, errors: list[FrontMatterError]) -> Node | None:
    """The Node of a stream of one document, built from its events (which `_refused` has read
    and found without alias, anchor or tag, and at most MAX_DEPTH deep) as `_convert` builds it
    from the node PyYAML's composer makes of them (`yaml.composer.Composer`: each scalar's tag
    resolved from its value), so the parser need not read the text again. None for any other
    stream (no document, or more than one), which is composed as before."""
    if (
        len(events) < 5
        or loader.yaml_path_resolvers
        or type(events[0]) is not yaml.StreamStartEvent
        or type(events[-1]) is not yaml.StreamEndEvent
        or sum(1 for event in events if type(event) is yaml.DocumentStartEvent) != 1
    ):
        return None
    builder = _Builder(loader, events[2:-2], first_line, errors)
    try:
        root = builder.node()
    except (_NotOneNode, IndexError):
        return None
    return root if builder.position == len(builder.events) else None


@dataclass
class _Builder:
    """Nodes from a document's events, read from `position` on (see `_built`)."""

    loader: _Loader
    events: list[yaml.Event]
    first_line: int
    errors: list[FrontMatterError]
    position: int = 0

    def _next(self) -> yaml.Event:
        event = self.events[self.position]
        self.position += 1
        return event

    def _line(self, event: yaml.Event) -> int:
        return (event.start_mark.line if event.start_mark else 0) + self.first_line

    def node(self) -> Node:
        event = self._next()
        if type(event) is yaml.ScalarEvent:
            return self._scalar(event)
        if type(event) is yaml.SequenceStartEvent:
            items = []
            while type(self.events[self.position]) is not yaml.SequenceEndEvent:
                items.append(self.node())
            self.position += 1
            return Node(items, self._line(event))
        if type(event) is yaml.MappingStartEvent:
            return self._mapping(event)
        raise _NotOneNode

    def _scalar(self, event: yaml.ScalarEvent) -> Node:
        tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        value: object = event.value
        if tag != _TEXT_TAG or not _TEXT_IS_PLAIN:
            start: Any = event.start_mark  # libyaml's marks, which the stubs do not name
            end: Any = event.end_mark
            scalar = yaml.ScalarNode(tag, event.value, start, end, style=event.style)
            value = self.loader.construct_object(scalar, deep=True)
        if not isinstance(value, str | int | float | bool | type(None)):
            value = str(event.value)
        return Node(value, self._line(event), unquoted=not event.style)

    def _mapping(self, event: yaml.MappingStartEvent) -> Node:
        mapping: dict[str, Node] = {}
        while type(self.events[self.position]) is not yaml.MappingEndEvent:
            key_event = self._next()
            key_line = self._line(key_event)
            if type(key_event) is not yaml.ScalarEvent:
                self.errors.append(FrontMatterError(key_line, msg("yaml.key-not-a-word")))
                self.position -= 1
                self._skip()  # the key
                self._skip()  # its value, not read
                continue
            key = str(key_event.value)
            if key in mapping:
                self.errors.append(
                    FrontMatterError(key_line, msg("yaml.duplicate-key", key=key, first=mapping[key].key_line))
                )
                self._skip()
                continue
            child = self.node()
            child.key_line = key_line
            mapping[key] = child
        self.position += 1
        return Node(mapping, self._line(event))

    def _skip(self) -> None:
        """Past one node, and all it holds."""
        depth = 0
        while True:
            event = self._next()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if depth == 0:
                return


class _NotOneNode(Exception):
    """The events are not one node (`_built`)."""


def _convert(loader: _Loader, node: yaml.Node, first_line: int, errors: list[FrontMatterError]) -> Node:
    line = node.start_mark.line + first_line
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + first_line
            if not isinstance(key_node, yaml.ScalarNode):
                errors.append(FrontMatterError(key_line, msg("yaml.key-not-a-word")))
                continue
            key = str(key_node.value)
            if key in mapping:
                errors.append(
                    FrontMatterError(key_line, msg("yaml.duplicate-key", key=key, first=mapping[key].key_line))
                )
                continue
            child = _convert(loader, value_node, first_line, errors)
            child.key_line = key_line
            mapping[key] = child
        return Node(mapping, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_convert(loader, item, first_line, errors) for item in node.value], line)
    # Most values are text: what the constructor would return is the node's own value.
    value = node.value if node.tag == _TEXT_TAG and _TEXT_IS_PLAIN else loader.construct_object(node, deep=True)
    if not isinstance(value, str | int | float | bool | type(None)):
        value = str(node.value)
    # A scalar (mappings and sequences returned above); style is None (PyYAML) or "" (libyaml) when plain.
    return Node(value, line, unquoted=isinstance(node, yaml.ScalarNode) and not node.style)


def _yaml_kind(node: Node) -> Message:
    return msg("part.a-list" if isinstance(node.value, list) else "part.a-single-value")


# PyYAML's problems, in words an editor can act on.
_PLAIN_WORDS = (
    ("found unexpected end of stream", "part.yaml.unclosed-quote"),
    ("found unknown escape character", "part.yaml.unknown-escape"),
    ("mapping values are not allowed", "part.yaml.unexpected-colon"),  # "here" (PyYAML) or "in this context" (libyaml)
    ("could not find expected ':'", "part.yaml.missing-colon"),
    ("tab character", "part.yaml.tab"),  # libyaml; PyYAML says "found character '\\t' that cannot start any token"
    ("expected <block end>, but found", "part.yaml.indentation"),
    ("did not find expected key", "part.yaml.indentation"),
    ("did not find expected '-' indicator", "part.yaml.list-item"),
    ("found character '\\t'", "part.yaml.tab"),  # PyYAML's wording
    ("found undefined alias", "part.yaml.undefined-alias"),
    ("cannot start any token", "part.yaml.reserved-character"),
    ("did not find expected ','", "part.yaml.unclosed-bracket"),
)


def _character_at(text: str, mark: yaml.Mark) -> str:
    lines = text.split("\n")
    if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _explain(exc: yaml.MarkedYAMLError, first_line: int, text: str) -> FrontMatterError:
    problem = exc.problem or ""
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + first_line) if mark else first_line
    if exc.problem_mark and _character_at(text, exc.problem_mark) == "\t":
        return _error(line, "yaml.syntax", problem=msg("part.yaml.tab"))
    for needle, words in _PLAIN_WORDS:
        if needle in problem:
            if needle == "found unexpected end of stream" and exc.context_mark:
                # Point at where the quote was opened, not at the end of the block.
                line = exc.context_mark.line + first_line
            return _error(line, "yaml.syntax", problem=msg(words))
    return _error(line, "yaml.syntax", problem=problem or str(exc))
