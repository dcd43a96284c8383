"""Compiled page templates kept in memory for the next build of the same process.

MkDocs makes a new Jinja environment for every build, so every build compiles Material's
templates again (about 0.2 s). `dangjian serve` builds many times in one process: with the
compiled code kept here, its rebuilds compile only a template whose source changed.

Only in memory, never on disk: Jinja's own `FileSystemBytecodeCache` unpickles and unmarshals
its files, so a cache folder someone else could write (a CI cache shared between branches)
would run their code. Code is looked up by the template's name, file and source checksum (as
Jinja does) and by every setting of the environment that changes what the compiler makes of
a source or checks while compiling (its filters and tests), so two differently configured
environments never share code.
"""

from __future__ import annotations

import hashlib
from types import CodeType

import jinja2
from jinja2.bccache import Bucket, BytecodeCache


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache protocol over a dictionary: {bucket key: (checksum, code)}, at
    most `limit` templates (the oldest go first: a process that builds many sites, such as the
    test suite, sees each site's own templates under their own file names)."""

    def __init__(self, limit: int = 512) -> None:
        self.codes: dict[str, tuple[str, CodeType]] = {}
        self.limit = limit

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        described = repr((compiler_settings(environment), name, filename))
        key = hashlib.sha256(described.encode("utf-8", "surrogatepass")).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self.codes.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            self.codes.pop(bucket.key, None)
            self.codes[bucket.key] = (bucket.checksum, bucket.code)
            while len(self.codes) > self.limit:
                del self.codes[next(iter(self.codes))]


# For the life of the process
COMPILED = CompiledTemplates()


def compiler_settings(env: jinja2.Environment) -> tuple:
    """What, besides a template's source, decides the code Jinja compiles it to."""
    return (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.keep_trailing_newline,
        env.optimized,
        env.is_async,
        # a bool is compiled in; a function is called at run time (its identity then counts)
        env.autoescape if isinstance(env.autoescape, bool) else id(env.autoescape),
        env.finalize if env.finalize is None else id(env.finalize),
        tuple(sorted(env.extensions)),
        tuple(sorted(env.filters)),
        tuple(sorted(env.tests)),
        type(env).code_generator_class,
        type(env).context_class,
    )


def keep_compiled(env: jinja2.Environment) -> None:
    """Let `env` reuse the code this process compiled before for the same templates."""
    if env.bytecode_cache is None:
        env.bytecode_cache = COMPILED
