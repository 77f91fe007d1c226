"""The ``extract`` command line: a thin typer layer over the ``extract`` library.

``extract PATH...`` is short for ``extract run PATH...``; the other commands are ``schema`` and
``eval``.  Exit codes: 0 all documents succeeded, 1 some failed (or a score fell below
``--min-f1``), 2 usage errors.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from extract.budget import DEFAULT_TIME_BUDGET


class DefaultRunGroup(TyperGroup):
    """A command group where an argument that is not a command name means ``run``."""

    _OWN = ("--help", "-h", "--version")

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """``extract -o out.jsonl corpus/``: options of ``run`` before the path mean ``run`` too."""
        if args and args[0].startswith("-") and args[0] != "-" and args[0].split("=")[0] not in self._OWN:
            args = ["run", *args]
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[no-untyped-def]
        """Route ``extract corpus/`` to ``extract run corpus/``; a mistyped command is an error."""
        if args and args[0] not in self.commands and args[0] not in self._OWN:
            word = args[0]
            if not os.path.exists(word) and word.isalpha():
                import difflib

                close = difflib.get_close_matches(word, list(self.commands), n=1, cutoff=0.6)
                if close:
                    # `extract evall corpus/` must not extract the corpus: no such file and nearly a command
                    ctx.fail(f"no such command '{word}'; did you mean '{close[0]}'?")
            args.insert(0, "run")
        return super().resolve_command(ctx, args)


app = typer.Typer(
    cls=DefaultRunGroup,
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Extract quantities, campaigns, crime types and entities from news articles into JSONL. "
    "`extract PATH...` is short for `extract run PATH...`.",
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"extract {version('extract')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            typer.echo("extract (not installed)")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Extract quantities, campaigns, crime types and entities from news articles into JSONL.

    ``extract PATH...`` is short for ``extract run PATH...``.
    """


# Below this many bytes of input a default run stays in one process: starting workers (their fork
# server imports spaCy, each builds the pipelines) costs about a second, about what 1 MB of text takes.
SMALL_INPUT_BYTES = 1_000_000


def _small(inputs: list[str]) -> bool:
    """True when the inputs are files whose total size is known, cheaply, to be small."""
    from extract.inputs import input_bytes

    size = input_bytes(inputs)
    return size is not None and size < SMALL_INPUT_BYTES


def _err(message: str) -> None:
    # ids, paths and reasons come from the input: no escape sequence of theirs reaches the terminal
    from extract.clean import for_terminal

    typer.echo(for_terminal(message), err=True)


def _counted(n: int, noun: str) -> str:
    from extract.clean import counted

    return counted(n, noun)


def _id_pair(item: str) -> tuple[str, str]:
    """``A,B`` of a ``--pair`` option as two ids."""
    a, sep, b = item.partition(",")
    if not sep or not a or not b:
        raise typer.BadParameter(f"{item!r} is not A,B", param_hint="--pair")
    return a, b


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Folders (*.txt, *.jsonl, *.jsonl.gz, recursively), files, or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSONL here (default: stdout).")] = None,
    lang: Annotated[str | None, typer.Option(help="Force the language: zh or en (default: detect per document).")] = None,
    progress: Annotated[bool | None, typer.Option(help="Progress bar on stderr (default: when stderr is a terminal).")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No summary line.")] = False,
    jobs: Annotated[
        int | None, typer.Option("-j", "--jobs", min=1, help="Worker processes (default: all cores; 1 = in-process).")
    ] = None,
    dask: Annotated[
        str | None, typer.Option(help="Run on Dask: 'local' (a LocalCluster) or a scheduler address tcp://host:8786.")
    ] = None,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Also write the failed documents as JSONL here (id, source, reason).")
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run into the same -o file, skipping finished documents.")
    ] = False,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a review page per article (and index.html) into this folder.")
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", help="A trained spaCy pipeline (package or path) whose NER fills gaps in the rule entities."),
    ] = None,
    time_budget: Annotated[
        float,
        typer.Option("--time-budget", min=0, metavar="SECONDS",
                     help="Stop a document's stage once the document has taken this long; it is written with what "
                     "finished and an error naming the stage (0 = no limit)."),
    ] = DEFAULT_TIME_BUDGET,
) -> None:
    """Extract every article in INPUTS and write one JSON record per document."""
    from extract.forkserver import default_jobs, prestart

    if jobs is None:
        jobs = default_jobs()
        if jobs > 1 and dask is None and _small(inputs):
            jobs = 1  # workers would cost more to start than the whole run: they are not started
    if dask is None and jobs > 1:
        prestart()  # the workers' fork server imports spaCy while this process does
    from extract import Extractor
    from extract.runner import run as run_corpus

    if lang not in (None, "zh", "en"):
        raise typer.BadParameter("must be zh or en", param_hint="--lang")

    def report(error: object) -> None:
        _err(f"error: {error.id}: {error.source}: {error.reason}")  # type: ignore[attr-defined]

    if model is not None:
        from extract.model import load_model

        try:
            load_model(model)
        except (OSError, ValueError) as exc:
            raise typer.BadParameter(str(exc), param_hint="--model") from None
    if html is not None and "-" in inputs:
        raise typer.BadParameter("review pages need file inputs, not stdin", param_hint="--html")
    if resume and output is None:
        raise typer.BadParameter("needs -o OUT.jsonl (the output of the interrupted run)", param_hint="--resume")
    if errors is not None and output is not None and errors.resolve() == output.resolve():
        raise typer.BadParameter("must differ from -o", param_hint="--errors")
    from extract.writers import OutputError, OutputLocked, target_problem

    for hint, target in (("-o", output), ("--errors", errors)):
        if target is not None and (problem := target_problem(target, inputs)):
            raise typer.BadParameter(problem, param_hint=hint)
    if html is not None and html.exists() and not html.is_dir():
        raise typer.BadParameter(f"{html} is a file; review pages go into a folder (new or existing)", param_hint="--html")

    show = sys.stderr.isatty() if progress is None else progress
    try:
        summary = run_corpus(
            inputs,
            output,
            extractor=Extractor(lang=lang, model=model, time_budget=time_budget, freeze=True),
            on_error=report,
            progress=show,
            jobs=jobs,
            dask=dask,
            resume=resume,
            errors=errors,
            on_note=_err,
        )
    except OutputLocked as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from None
    except OutputError as exc:
        _err(exc.line())
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        hint = f"; finished documents are kept, rerun with --resume -o {output} to continue" if output else ""
        _err(f"extract: interrupted, no output written{hint}")
        raise typer.Exit(130) from None
    if not quiet:
        _err(summary.line())
    if html is not None:
        from extract.review import review_run

        try:
            pages, _ = review_run(inputs, output, html, extractor=Extractor(lang=lang, model=model, time_budget=time_budget))
        except OSError as exc:
            _err(f"error: --html: cannot write review pages in {html}: {exc.strerror or exc}; the records are written")
            raise typer.Exit(1) from None
        if not quiet:
            _err(f"extract: {pages} review pages in {html / 'index.html'}")
    raise typer.Exit(1 if summary.failed or summary.degraded else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Document record."""
    from schemas import Document

    typer.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))


@app.command("eval")
def eval_(
    predictions: Annotated[Path, typer.Argument(help="Predictions JSONL, or a corpus folder to extract first.")],
    gold: Annotated[Path | None, typer.Argument(help="Gold folder (default: PREDICTIONS/gold for a corpus).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    min_f1: Annotated[str | None, typer.Option(help="Fail below these F1s: quantities=0.95,en/entities.strict=0.8")] = None,
) -> None:
    """Score predictions against gold annotations (precision, recall, F1; lenient and strict)."""
    from extract import scoring

    try:  # a mistyped threshold is a usage error before any work, not after the table
        thresholds = scoring.parse_thresholds(min_f1 or "")
        scoring.check_thresholds(thresholds)
    except (ValueError, KeyError) as exc:
        raise typer.BadParameter(str(exc.args[0] if isinstance(exc, KeyError) else exc), param_hint="--min-f1") from None
    if predictions.is_dir():
        from extract import Extractor
        from extract.readers import iter_articles
        from extract.runner import extract_all

        gold = gold or predictions / "gold"
        preds = [
            r.model_dump(mode="json")
            for r in extract_all(iter_articles([predictions]), Extractor())
            if not hasattr(r, "reason")
        ]
    else:
        if gold is None:
            raise typer.BadParameter("give the gold folder", param_hint="GOLD")
        try:
            lines = predictions.read_text(encoding="utf-8").splitlines()
            preds = [json.loads(line) for line in lines if line.strip()]
        except (OSError, json.JSONDecodeError) as exc:
            _err(f"error: cannot read predictions {predictions}: {exc}")
            raise typer.Exit(2) from exc
    try:
        gold_docs = scoring.load_gold(gold)
    except (OSError, ValueError) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc
    scores = scoring.score(preds, gold_docs)
    if as_json:
        typer.echo(json.dumps(scores.as_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(scoring.format_table(scores))
    try:
        failures = scoring.below(scores, thresholds)
    except KeyError as exc:
        _err(f"error: {exc.args[0]}")
        raise typer.Exit(2) from exc
    for line in failures:
        _err(f"below threshold: {line}")
    raise typer.Exit(1 if failures else 0)


@app.command()
def show(
    inputs: Annotated[list[Path], typer.Argument(help="Articles or folders to extract and review.")],
    html: Annotated[Path, typer.Option("--html", help="Write the review page here.")],
    gold: Annotated[Path | None, typer.Option(help="Gold folder: mark missed and spurious items.")] = None,
    lang: Annotated[str | None, typer.Option(help="Force the language: zh or en.")] = None,
) -> None:
    """Extract articles and write one HTML page with every extracted span highlighted."""
    from extract import Extractor
    from extract.review import show as show_page

    if lang not in (None, "zh", "en"):
        raise typer.BadParameter("must be zh or en", param_hint="--lang")
    try:
        count, failed = show_page(inputs, html, gold_dir=gold, extractor=Extractor(lang=lang))
    except (OSError, ValueError) as exc:
        _err(f"error: {exc}")
        raise typer.Exit(2) from exc
    for error in failed:
        _err(f"error: {error.id}: {error.source}: {error.reason}")
    _err(f"extract: {_counted(count, 'document')} in {html}")
    raise typer.Exit(1 if failed or not count else 0)


@app.command()
def report(
    records: Annotated[Path, typer.Argument(help="Records JSONL written by extract.")],
    html: Annotated[Path | None, typer.Option("--html", help="Also write the HTML report (chart, sources) here.")] = None,
    texts: Annotated[
        list[Path] | None,
        typer.Option("--texts", help="Where the articles are (files, folders, JSONL) to quote their sentences in --html; "
                     "paths named inside records are never opened."),
    ] = None,
) -> None:
    """Corpus totals from statistics (each fact once) by campaign, place and metric, crime types and quantity kinds."""
    from extract import report as corpus_report
    from extract.facts import InputError, read_records

    skipped = 0

    def skip(line: int, reason: str) -> None:
        nonlocal skipped
        skipped += 1
        _err(f"error: {records}:{line}: {reason}; row skipped")

    try:
        summary = corpus_report.aggregate(read_records(records, skip, need_statistics=False))
    except InputError as exc:
        _err(f"error: {records}: {exc}")
        raise typer.Exit(2) from exc
    except (OSError, ValueError) as exc:
        _err(f"error: cannot read records {records}: {exc}")
        raise typer.Exit(2) from exc
    typer.echo(corpus_report.format_text(summary))
    if html is not None:
        corpus_report.write_html(html, summary, texts_from=texts or [])
        _err(f"extract: report in {html}")
    raise typer.Exit(1 if skipped else 0)


@app.command()
def facts(
    records: Annotated[list[Path], typer.Argument(help="Records JSONL written by extract (.jsonl or .jsonl.gz).")],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the table here: .csv (UTF-8 with BOM), .jsonl or .parquet "
                     "(needs the parquet extra). Default: CSV on stdout."),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option("--group-by", help="Print totals per group of these columns instead of the CSV on stdout, "
                     "e.g. campaign,place,metric."),
    ] = None,
    pair: Annotated[
        list[str] | None,
        typer.Option("--pair", help="Two ids that are one release in two languages: A,B (repeatable); their "
                     "matched figures count once."),
    ] = None,
    pairs: Annotated[
        bool, typer.Option("--pairs/--no-pairs", help="Find releases and their translations automatically.")
    ] = True,
) -> None:
    """The corpus fact table: one row per distinct fact (SPEC section 8), each counted once with its sources."""
    from extract.facts import (
        FactTable,
        InputError,
        MissingExtra,
        format_groups,
        group_facts,
        need_parquet,
        output_format,
        parse_columns,
        read_records,
        write_facts,
    )

    try:
        columns = parse_columns(group_by) if group_by is not None else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--group-by") from None
    if output is not None:
        if output.is_dir():
            raise typer.BadParameter(f"{output} is a directory", param_hint="-o")
        try:
            if output_format(output) == ".parquet":
                need_parquet()
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="-o") from None
        except MissingExtra as exc:
            _err(f"error: {exc}")
            raise typer.Exit(2) from None
    explicit = [_id_pair(item) for item in pair or []]
    table = FactTable(pairs=pairs or bool(explicit), explicit=explicit)
    skipped = 0
    for path in records:
        def report(line: int, reason: str, path: Path = path) -> None:
            nonlocal skipped
            skipped += 1
            _err(f"error: {path}:{line}: {reason}; row skipped")

        try:
            for record in read_records(path, report):
                table.add(record)
        except InputError as exc:
            _err(f"error: {path}: {exc}")
            raise typer.Exit(2) from None
    rows = table.rows()
    try:
        if output is not None or columns is None:
            write_facts(rows, output)
        if columns is not None:
            typer.echo(format_groups(group_facts(rows, columns), columns))
    except BrokenPipeError:
        # stdout closed early (`extract facts out.jsonl | head`): stop quietly, as other filters do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        _err(f"error: cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(2) from None
    _err(f"extract: {_counted(table.records, 'record')} read, {skipped:,} skipped, {_counted(table.statistics, 'statistic')}, {_counted(len(rows), 'fact')}"
         + (f" in {output}" if output else ""))
    raise typer.Exit(1 if skipped else 0)


@app.command()
def crosscheck(
    records: Annotated[list[Path], typer.Argument(help="Records JSONL written by extract.")],
    pair: Annotated[list[str] | None, typer.Option("--pair", help="Two ids that are one release in two languages: A,B (repeatable).")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the side-by-side page here (needs --texts).")] = None,
    texts: Annotated[list[Path] | None, typer.Option("--texts", help="Where the articles' texts are (files, folders, JSONL) for --html.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON line per aligned fact.")] = False,
) -> None:
    """Pair releases with their translations and list every figure on which they disagree."""
    from extract import crosscheck as cc
    from extract.report import load_records

    explicit = [_id_pair(item) for item in pair or []]
    if html is not None and not texts:
        raise typer.BadParameter("--html needs --texts: the records carry no text", param_hint="--html")
    rows: list[dict] = []
    for path in records:
        try:
            rows.extend(load_records(path))
        except (OSError, ValueError) as exc:
            _err(f"error: cannot read records {path}: {exc}")
            raise typer.Exit(2) from exc
    checks = cc.find_pairs(rows, explicit)
    for check in checks:
        if as_json:
            for x in check.alignments:
                typer.echo(json.dumps({"a": check.a, "b": check.b, **x.model_dump()}, ensure_ascii=False))
            continue
        how = "explicit" if check.explicit else f"{check.share:.0%} agree"
        typer.echo(f"{check.a} ~ {check.b} ({how}): {_counted(len(check.disagreements), 'disagreement')}")
        for x in check.disagreements:
            typer.echo("  " + x.line())
    if html is not None:
        from extract.readers import InputError, iter_articles

        found = {a.id: a.text for a in iter_articles([str(t) for t in texts or []]) if not isinstance(a, InputError)}
        langs = {str(r.get("id")): str(r.get("lang")) for r in rows}
        cc.write_page(html, cc.render_html(checks, found, langs))
        _err(f"extract: crosscheck page in {html}")
    _err(f"extract: {_counted(len(checks), 'pair')}, {_counted(sum(len(c.disagreements) for c in checks), 'disagreement')}")


@app.command()
def catalogue(
    which: Annotated[str, typer.Argument(help="campaigns or case-types")] = "campaigns",
    as_json: Annotated[bool, typer.Option("--json", help="Print the catalogue as JSON.")] = False,
) -> None:
    """List the known campaigns or crime types with their Chinese and English spellings."""
    from extract import catalogue as cat

    if which not in ("campaigns", "case-types", "case_types"):
        raise typer.BadParameter("must be campaigns or case-types", param_hint="WHICH")
    typer.echo(cat.format_json(which) if as_json else cat.format_text(which))


# What a value is, in the help, where typer would print a Python type (<list[str]>, <int range>).
_METAVARS = {"Path": "PATH", "int": "N", "float": "NUMBER", "str": "TEXT"}


def _flag_help_option(make: Callable[[click.Context], click.Option | None]) -> Callable[[click.Context], click.Option | None]:
    """The --help option as made by ``make``, shown as the flag it is."""

    def made(ctx: click.Context) -> click.Option | None:
        option = make(ctx)
        if option is not None:
            option.metavar = ""
        return option

    return made


def _closer_suggestions(
    cmd: click.Command, parse: Callable[[click.Context, list[str]], list[str]]
) -> Callable[[click.Context, list[str]], list[str]]:
    """``parse`` suggesting only options that are close to a mistyped one (--resum: --resume; --bogus: none)."""

    def parsed(ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return parse(ctx, args)
        except Exception as exc:  # click's NoSuchOption, or the copy of it that typer vendors
            if type(exc).__name__ != "NoSuchOption":
                raise
            import difflib

            names = {o.lstrip("-"): o for p in cmd.get_params(ctx) for o in p.opts if o.startswith("--")}
            close = difflib.get_close_matches(exc.option_name.lstrip("-"), list(names), n=2, cutoff=0.75)  # type: ignore[attr-defined]
            exc.possibilities = [names[c] for c in close] or None  # type: ignore[attr-defined]
            raise

    return parsed


def _readable_help(command: click.Command) -> click.Command:
    """``command`` with plain metavars: flags show none, values say PATH, N or TEXT."""
    commands = getattr(command, "commands", {})
    for cmd in [command, *commands.values()]:
        cmd.get_help_option = _flag_help_option(cmd.get_help_option)  # type: ignore[method-assign]
        cmd.parse_args = _closer_suggestions(cmd, cmd.parse_args)  # type: ignore[method-assign]
        for param in cmd.params:
            if getattr(param, "is_flag", False):
                param.metavar = ""
            elif param.metavar is None and hasattr(param, "bare_type"):
                bare = param.bare_type()
                many = bare.startswith("list[")
                kind = _METAVARS.get(bare.removeprefix("list[").removesuffix("]"), "TEXT")
                if param.param_type_name == "argument":
                    # named by what it is (INPUTS, GOLD), typed PATH: usage reads `run [OPTIONS] INPUTS...`
                    kind = "PATH"
                    name = (param.name or "").upper()
                    usage = name + ("..." if many else "")
                    param.metavar = name
                    param._usage_display_name = lambda u=usage, req=param.required: u if req else f"[{u}]"
                    param.display_type_rich = lambda ctx, k=kind + ("..." if many else ""): k
                else:
                    param.metavar = kind + ("..." if many else "")
    return command


def main() -> None:
    """Console-script entry point."""
    _readable_help(typer.main.get_command(app))()


if __name__ == "__main__":
    main()
