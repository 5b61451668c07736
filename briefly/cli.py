"""The command line: argument parsing, calling the package, exit codes.

Exit codes: 0 success (warnings allowed), 1 content errors (or warnings with
--strict), 2 wrong usage, 130 interrupted.  Problems are printed to stderr in
one format; no traceback ever reaches an editor for a content mistake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefly.errors import Diagnostics, format_report
from briefly.pipeline import build_site
from briefly.check_pipeline import check_site
from briefly.project import Project
from briefly.editor.docs import add_docs_command
from briefly.progress import wanted as progress_wanted
from briefly.editor.scaffold import add_new_command
from briefly.review.diff_command import add_diff_command
from briefly.review.options import day, resolve_today, revision_or_report
from briefly.review.stale_command import add_stale_command

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_build_command(commands: argparse._SubParsersAction) -> None:
    build = commands.add_parser("build", help="check the content and build the site (default)")
    build.add_argument("--output", type=Path, default=None,
                       help="where to write the site (default: site/ in the project)")
    build.add_argument("--drafts", action="store_true", help="include briefs marked draft: true")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--no-search", dest="search", action="store_false",
                       help="skip the search index (faster; the search page says it is off)")
    build.set_defaults(handler=run_build)


def add_check_command(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser("check", help="check the content; write nothing")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "json", "github"), default="text",
                       help="how to print problems (github: pull-request annotations)")
    check.add_argument("--since", metavar="REV", default=None,
                       help="also require an entry in updates for every fact of a published "
                            "brief changed since this git revision")
    check.add_argument("--today", type=day, default=None, metavar="YYYY-MM-DD",
                       help="judge staleness as if it were this day (default: "
                            "$BRIEFLY_TODAY, else today)")
    check.set_defaults(handler=run_check)


def port_number(text: str) -> int:
    """A TCP port; argparse turns the ValueError into a usage error (exit 2)."""
    port = int(text)
    if not 0 <= port <= 65535:
        raise ValueError(text)
    return port


def add_serve_command(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser(
        "serve", help="preview the site with drafts; rebuild and reload on every save")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=port_number, default=8000,
                       help="port to listen on (default 8000; 0 picks a free one)")
    serve.add_argument("--open", action="store_true", help="open the preview in a browser")
    serve.add_argument("--search", action="store_true",
                       help="also build the search index on every rebuild (slower: Pagefind "
                            "reindexes every brief)")
    serve.set_defaults(handler=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Imported on use: the preview server's web stack (tornado, watchfiles)
    would slow every other command's start-up."""
    from briefly.preview.server import run_serve as serve

    return serve(args)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefly", description="Build explainer briefs into a static site.")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add_command in COMMANDS:
        add_command(commands)
    return parser


def report(diagnostics: Diagnostics, style: str = "text") -> None:
    problems = diagnostics.sorted()
    if style == "json":
        print(format_report(problems, "json"))
    elif style == "github":  # GitHub reads workflow commands from stdout
        if problems:
            print(format_report(problems, "github"))
    elif problems:
        print(format_report(problems, style), file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    project = Project(args.root.resolve())
    output = args.output if args.output is not None else project.site
    result = build_site(project, output, drafts=args.drafts, strict=args.strict,
                        search=args.search, progress=progress_wanted())
    report(result.diagnostics)
    warnings = len(result.diagnostics.warnings)
    if not result.ok or result.stats is None:
        errors = len(result.diagnostics.errors) or warnings
        fate = "was left as it was" if result.stats is None else "was published"
        print(f"Build failed: {errors} problem{'s' if errors != 1 else ''}; "
              f"{output} {fate}.", file=sys.stderr)
        return EXIT_ERRORS
    stats = result.stats
    print(f"Built {len(result.pages)} files: {result.rendered} pages rendered, "
          f"{result.reused} reused ({stats.written} written, {stats.unchanged} "
          f"unchanged, {stats.removed} removed), {warnings} warning"
          f"{'s' if warnings != 1 else ''}, in {result.seconds:.2f} s → {output}")
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    since = None
    if args.since is not None and (since := revision_or_report(root, args.since)) is None:
        return EXIT_USAGE
    site, diagnostics = check_site(Project(root), since=since, today=resolve_today(args.today))
    report(diagnostics, args.format)
    failed = diagnostics.has_errors(args.strict)
    if args.format == "text":
        errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
        notes = len(diagnostics.notes)
        verdict = "failed" if failed else "passed"
        print(f"Check {verdict}: {errors} error{'s' if errors != 1 else ''}, "
              f"{warnings} warning{'s' if warnings != 1 else ''}"
              + (f", {notes} note{'s' if notes != 1 else ''}" if notes else "")
              + (f" in {len(site.briefs)} brief{'s' if len(site.briefs) != 1 else ''}"
                 if site else "") + ".", file=sys.stderr)
    return EXIT_ERRORS if failed else EXIT_OK


# Each entry adds one subcommand (its parser and its handler).
COMMANDS = [add_build_command, add_check_command]
COMMANDS.append(add_new_command)  # `new`: briefly/editor/scaffold.py
COMMANDS.append(add_docs_command)  # `docs`: briefly/editor/docs.py
COMMANDS.append(add_serve_command)  # `serve`: briefly/preview/server.py, loaded on use
COMMANDS.append(add_stale_command)  # `stale`: briefly/review/stale_command.py
COMMANDS.append(add_diff_command)  # `diff`: briefly/review/diff_command.py


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "build"])
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("Interrupted; the published site was left as it was.", file=sys.stderr)
        return EXIT_INTERRUPTED
