"""Tests for :mod:`conflictgeo.ingest`: every reader, and every bad input it refuses.

All data is built in code under ``tmp_path``; the one exception reads the seed
report in ``../shared/seed`` and is skipped when that checkout is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import logging
import re
from html import unescape
from pathlib import Path

import pytest

from conflictgeo import ingest
from conflictgeo.errors import DateParseError, InputError, InputNotFound
from conflictgeo.ingest import parse_date, read_documents
from conflictgeo.model import Document
from conflictgeo.text import clean

REPORT = (
    "Rebels seize coastal villages\n\n"
    "BEIRUT — Rebels seized three villages near Latakia on Sunday, residents said.\n\n"
    "At least 12 people were killed in the fighting."
)
SEED = Path(__file__).parents[1].parent / "shared" / "seed" / "latakia-offensive-2013.txt"


def run(*inputs: object, **options: object) -> tuple[list[Document], list[InputError]]:
    """Read ``inputs`` and split the results into documents and errors."""
    docs: list[Document] = []
    errors: list[InputError] = []
    for item in read_documents([str(i) for i in inputs], **options):  # type: ignore[arg-type]
        (docs if isinstance(item, Document) else errors).append(item)  # type: ignore[arg-type]
    return docs, errors


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


# -- parse_date ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["2013-08-14", "14 August 2013", "2013-08-14T10:00:00Z", "Aug. 14, 2013", " 2013-08-14 "],
)
def test_parse_date_reads_common_forms(value: str) -> None:
    assert parse_date(value) == dt.date(2013, 8, 14)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_parse_date_blank_is_none(value: str | None) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize("value", ["garbage", "yesterday", "3 days ago", "August 2013", "13"])
def test_parse_date_refuses_garbage_relative_and_partial(value: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(value, what="--published date")
    assert str(info.value) == (
        f"cannot read --published date {value!r}: give a date such as 2013-08-14"
    )
    assert isinstance(info.value, ValueError)


# -- plain text ----------------------------------------------------------------------


def test_text_file_is_one_report(tmp_path: Path) -> None:
    path = tmp_path / "latakia-offensive-2013.txt"
    path.write_text(REPORT, encoding="utf-8")
    docs, errors = run(path)
    assert errors == []
    (doc,) = docs
    assert doc.id == "latakia-offensive-2013"
    assert doc.title == "Rebels seize coastal villages"
    assert doc.text.startswith("Rebels seize coastal villages\n\nBEIRUT —")
    assert doc.text[: doc.title_end] == "Rebels seize coastal villages"
    assert doc.dateline == "Beirut"
    assert doc.dateline_span is not None
    assert doc.text[slice(*doc.dateline_span)] == "BEIRUT"
    assert doc.origin == str(path)
    assert doc.content_hash == hashlib.sha256(doc.text.encode()).hexdigest()[:16]
    assert doc.published is None
    assert doc.source is None and doc.url is None


@pytest.mark.parametrize("suffix", [".text", ".TXT", ""])
def test_other_text_suffixes(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_text(REPORT, encoding="utf-8")
    docs, errors = run(path)
    assert errors == []
    assert [d.id for d in docs] == ["report"]


def test_markdown_heading_marks_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Rebels seize coastal villages\n\nShelling in **Homs**.", encoding="utf-8")
    (doc,), errors = run(path)
    assert errors == []
    assert doc.title == "Rebels seize coastal villages"


def test_published_argument_applies_to_text_files(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    (doc,), _ = run(path, published=dt.date(2013, 8, 14))
    assert doc.published == dt.date(2013, 8, 14)


def test_single_path_is_not_iterated_character_by_character(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(REPORT, encoding="utf-8")
    items = list(read_documents(str(path)))  # type: ignore[arg-type]
    assert [type(i) for i in items] == [Document]
    assert [i.id for i in read_documents(path)] == ["a"]  # type: ignore[arg-type,union-attr]


def test_duplicate_stems_get_numbered(tmp_path: Path) -> None:
    paths = []
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / "report.txt"
        path.write_text(f"Shelling in Homs reported from folder {folder}.", encoding="utf-8")
        paths.append(path)
    docs, errors = run(*paths)
    assert errors == []
    assert [d.id for d in docs] == ["report", "report-2", "report-3"]
    assert [d.origin for d in docs] == [str(p) for p in paths]


def test_seed_report() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    (doc,), errors = run(SEED)
    assert errors == []
    assert doc.id == "latakia-offensive-2013"
    assert doc.title == (
        "Alawites flee Syrian rebel offensive near Mediterranean: ‘Tremendous fear of atrocities’"
    )
    assert doc.dateline == "Nicosia"
    assert doc.dateline_span is not None
    assert doc.text[slice(*doc.dateline_span)] == "NICOSIA"
    assert "_69129968_syria_aleppo_latakia_feb13" not in doc.text
    assert "69129968" not in doc.text
    assert "in August.\nThe sources said the Alawites" in doc.text


# -- JSONL -----------------------------------------------------------------------------


def test_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "r1",
                "text": "BEIRUT — Rebels shelled Aleppo.",
                "title": "Aleppo shelled",
                "url": "https://example.org/1",
                "source": "Example Wire",
                "published": "14 August 2013",
            }
        )
        + "\n\n   \n"
        + json.dumps({"text": "Clashes in Idlib."})
        + "\n",
        encoding="utf-8",
    )
    docs, errors = run(path, published=dt.date(2020, 1, 1))
    assert errors == []
    first, second = docs
    assert first.id == "r1"
    assert first.title == "Aleppo shelled"
    assert first.title_end == 0  # a given title is not part of the text
    assert first.text == "BEIRUT — Rebels shelled Aleppo."
    assert first.dateline == "Beirut"
    assert first.url == "https://example.org/1"
    assert first.source == "Example Wire"
    assert first.published == dt.date(2013, 8, 14)  # the record's own date wins
    assert first.origin == f"{path}:1"
    assert second.id == "feed-4"  # blank lines count for line numbers
    assert second.origin == f"{path}:4"
    assert second.published == dt.date(2020, 1, 1)  # no date of its own: the argument
    assert second.title is None


def test_ndjson_suffix_and_numeric_id(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.ndjson", [{"id": 7, "text": "Clashes in Idlib."}])
    (doc,), errors = run(path)
    assert errors == []
    assert doc.id == "7"


def test_jsonl_bad_lines_are_reported_and_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": "Clashes in Idlib."}),
        json.dumps({"text": "Shelling in Homs."}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"body_text": "no text field"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Fighting in Daraa."}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, errors = run(path)
    assert [d.id for d in docs] == ["a-1", "a-2", "a-8"]
    assert [(e.source, e.line) for e in errors] == [(str(path), n) for n in (3, 4, 5, 6, 7)]
    assert str(errors[0]) == (
        f"{path}:3: line is not valid JSON (Expecting property name enclosed in double quotes):"
        ' each line must be one JSON object with a "text" field'
    )
    assert str(errors[1]).startswith(f"{path}:4: line is a JSON array, not an object")
    assert str(errors[2]).startswith(f'{path}:5: record has no "text" field')
    assert str(errors[3]) == f'{path}:6: record text ("text") is empty: nothing to process'
    assert str(errors[4]).startswith(f'{path}:7: "text" is a number, not a string')


def test_jsonl_not_valid_json_message(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "Clashes in Idlib."}\n\nnope\n', encoding="utf-8")
    docs, errors = run(path)
    assert len(docs) == 1
    assert [str(e) for e in errors] == [
        f"{path}:3: line is not valid JSON (Expecting value): "
        'each line must be one JSON object with a "text" field'
    ]


def test_jsonl_garbage_published_yields_error_and_document(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"text": "Clashes in Idlib.", "published": "last Tuesday-ish"}]
    )
    items = list(read_documents([path]))
    assert len(items) == 2
    error, doc = items
    assert isinstance(error, InputError) and isinstance(doc, Document)
    assert str(error) == (
        f"{path}:1: cannot read published date 'last Tuesday-ish': give a date such as "
        "2013-08-14; processed without a publication date"
    )
    assert doc.published is None
    assert doc.id == "a-1"

    _, (error,) = run(path, published=dt.date(2013, 8, 1))
    assert str(error).endswith("processed with the default publication date 2013-08-01")
    (doc,), _ = run(path, published=dt.date(2013, 8, 1))
    assert doc.published == dt.date(2013, 8, 1)


def test_jsonl_text_column_names_the_field(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl", [{"story": "Clashes in Idlib."}, {"text": "Shelling in Homs."}]
    )
    docs, errors = run(path, text_column="story")
    assert [d.text for d in docs] == ["Clashes in Idlib."]
    assert [(e.line, e.reason.startswith('record has no "story" field')) for e in errors] == [
        (2, True)
    ]


def test_jsonl_html_in_record_text_is_converted(tmp_path: Path) -> None:
    html = "<p>Clashes in <b>Idlib</b>.</p><p>Two killed.</p><script>x()</script><br><div></div>"
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": html}])
    (doc,), errors = run(path)
    assert errors == []
    assert doc.text == "Clashes in Idlib.\n\nTwo killed."


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    docs, errors = run(path)
    assert docs == []
    assert [str(e) for e in errors] == [f"{path}: file is empty: nothing to process"]


# -- CSV -------------------------------------------------------------------------------


def test_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ID", "Body", "Date", "title", "url", "source", "extra"])
        writer.writerow(["n1", "DAMASCUS — Mortars hit the old city.\n\nTwo died.", "2013-08-14"])
        writer.writerow([])
        writer.writerow(["", "Clashes in Idlib.", "", "Idlib clashes", "https://x", "Wire", "z"])
    docs, errors = run(path, published=dt.date(2000, 1, 1))
    assert errors == []
    first, second = docs
    assert first.id == "n1"
    assert first.text == "DAMASCUS — Mortars hit the old city.\n\nTwo died."
    assert first.dateline == "Damascus"
    assert first.published == dt.date(2013, 8, 14)
    assert first.origin == f"{path}:2"
    # the first record spans lines 2-4 and a blank line follows: the next starts on line 6
    assert second.origin == f"{path}:6"
    assert second.id == "news-6"
    assert second.title == "Idlib clashes"
    assert second.url == "https://x"
    assert second.source == "Wire"
    assert second.published == dt.date(2000, 1, 1)


@pytest.mark.parametrize("column", ["text", "body", "content", "article"])
def test_csv_default_text_columns(tmp_path: Path, column: str) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"id,{column}\nx,Clashes in Idlib.\n", encoding="utf-8")
    (doc,), errors = run(path)
    assert errors == []
    assert (doc.id, doc.text) == ("x", "Clashes in Idlib.")


def test_csv_text_column_option(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("headline,story\nIdlib,Clashes in Idlib.\n", encoding="utf-8")
    (doc,), errors = run(path, text_column="story")
    assert errors == []
    assert doc.text == "Clashes in Idlib."


def test_csv_missing_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("headline,story\nIdlib,Clashes in Idlib.\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Shelling in Homs.", encoding="utf-8")
    docs, errors = run(path, good)
    assert [d.id for d in docs] == ["good"]
    (error,) = errors
    message = str(error)
    assert message.startswith(f"{path}: no text column")
    assert "'headline', 'story'" in message
    assert "--text-column" in message

    _, (error,) = run(path, text_column="body")
    assert str(error).startswith(f"{path}: no column 'body'; found columns 'headline', 'story'")


def test_csv_bad_published_and_empty_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "text,published\nClashes in Idlib.,someday\n,2013-08-14\nShelling in Homs.,\n",
        encoding="utf-8",
    )
    docs, errors = run(path)
    assert [d.text for d in docs] == ["Clashes in Idlib.", "Shelling in Homs."]
    assert docs[0].published is None
    assert [(e.line, e.reason) for e in errors] == [
        (
            2,
            "cannot read published date 'someday': give a date such as 2013-08-14; "
            "processed without a publication date",
        ),
        (3, 'record text ("text") is empty: nothing to process'),
    ]


def test_tsv_and_semicolon_csv(tmp_path: Path) -> None:
    tsv = tmp_path / "a.tsv"
    tsv.write_text("id\ttext\nt1\tClashes, then calm, in Idlib.\n", encoding="utf-8")
    semi = tmp_path / "b.csv"
    semi.write_text("id;text\ns1;Shelling in Homs, again.\n", encoding="utf-8")
    tabbed = tmp_path / "c.csv"
    tabbed.write_text("id\ttext\nc1\tFighting in Daraa, officials said.\n", encoding="utf-8")
    docs, errors = run(tsv, semi, tabbed)
    assert errors == []
    assert [(d.id, d.text) for d in docs] == [
        ("t1", "Clashes, then calm, in Idlib."),
        ("s1", "Shelling in Homs, again."),
        ("c1", "Fighting in Daraa, officials said."),
    ]


def test_csv_field_larger_than_default_limit(tmp_path: Path) -> None:
    body = "Shelling in Homs. " * 20_000  # 360 000 characters, over csv's 131 072 default
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["text"], [body]])
    (doc,), errors = run(path)
    assert errors == []
    assert doc.text == body.strip()


def test_empty_csv(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("", encoding="utf-8")
    assert [str(e) for e in run(path)[1]] == [f"{path}: file is empty: nothing to process"]


# -- HTML ------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Rebels seize villages | Example News</title>
<meta property="article:published_time" content="2013-08-14T09:00:00+03:00">
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.org/rebels">
<style>p { color: red }</style><script>var a = "<p>hidden</p>";</script></head>
<body><header>Site header</header><nav><a href="/">Home</a> | <a href="/w">World</a></nav>
<article><p>BEIRUT &mdash; Rebels   seized
three villages.</p><p>At least 12 people<br>were killed.</p></article>
<footer>Copyright</footer></body></html>
"""


def test_html_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="conflictgeo.ingest"):
        docs, errors = run(path, published=dt.date(2000, 1, 1))
    assert errors == []
    (doc,) = docs
    assert doc.id == "page"
    assert doc.text == "BEIRUT — Rebels seized three villages.\n\nAt least 12 people\nwere killed."
    assert doc.title == "Rebels seize villages | Example News"
    assert doc.dateline == "Beirut"
    assert doc.published == dt.date(2013, 8, 14)  # the page's own date beats the argument
    assert doc.source == "Example News"
    assert doc.url == "https://example.org/rebels"
    for hidden in ("Site header", "Home", "Copyright", "hidden", "color"):
        assert hidden not in doc.text
    assert any(
        "converted HTML" in r.getMessage() and str(path) in r.getMessage() for r in caplog.records
    )


def test_html_headline_repeating_title_is_the_title_span(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><head><title>Rebels seize villages - Example</title></head><body>"
        "<h1>Rebels seize villages</h1><p>BEIRUT — Rebels seized three villages.</p></body></html>",
        encoding="utf-8",
    )
    (doc,), errors = run(path)
    assert errors == []
    assert doc.title == "Rebels seize villages"
    assert doc.text[: doc.title_end] == "Rebels seize villages"
    assert doc.dateline == "Beirut"


@pytest.mark.parametrize(
    "content",
    [
        "<!doctype html><p>Clashes in Idlib.</p>",
        "  <HTML><body><p>Clashes in Idlib.</p></body></HTML>",
        "<div><p>Clashes in <b>Idlib</b>.</p></div>",
    ],
)
def test_txt_that_looks_like_html_is_converted(tmp_path: Path, content: str) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(content, encoding="utf-8")
    (doc,), errors = run(path)
    assert errors == []
    assert doc.text == "Clashes in Idlib."


def test_txt_with_a_stray_angle_bracket_is_not_html(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Casualties were <5 in <b> sector, officials said.", encoding="utf-8")
    (doc,), _ = run(path)
    assert doc.text == "Casualties were <5 in <b> sector, officials said."


def test_html_without_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text("<html><script>x()</script></html>", encoding="utf-8")
    docs, errors = run(path)
    assert docs == []
    assert [str(e) for e in errors] == [f"{path}: file has no visible text: nothing to process"]


# -- directories -----------------------------------------------------------------------


def test_directory_recursion_order_and_skips(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b_dir" / "deep").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "c.txt").write_text("Report c.", encoding="utf-8")
    (root / "a.txt").write_text("Report a.", encoding="utf-8")
    (root / "b_dir" / "z.md").write_text("Report z.", encoding="utf-8")
    (root / "b_dir" / "deep" / "d.html").write_text("<p>Report d.</p>", encoding="utf-8")
    write_jsonl(root / "b_dir" / "e.jsonl", [{"text": "Report e."}])
    (root / ".secret.txt").write_text("Hidden report.", encoding="utf-8")
    (root / ".hidden_dir" / "h.txt").write_text("Hidden report.", encoding="utf-8")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "data.json").write_text("{}", encoding="utf-8")
    docs, errors = run(root)
    assert errors == []
    assert [d.id for d in docs] == ["a", "d", "e-1", "z", "c"]
    assert docs[1].origin == str(root / "b_dir" / "deep" / "d.html")
    assert [d.text for d in docs] == [
        "Report a.",
        "Report d.",
        "Report e.",
        "Report z.",
        "Report c.",
    ]


def test_directory_without_reports(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    docs, errors = run(tmp_path)
    assert docs == []
    (error,) = errors
    assert str(error).startswith(f"{tmp_path}: directory has no .txt")


def test_bad_file_in_directory_does_not_stop_the_walk(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.txt").write_text("Clashes in Idlib.", encoding="utf-8")
    docs, errors = run(tmp_path)
    assert [d.id for d in docs] == ["c"]
    assert [e.source for e in errors] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


# -- stdin -----------------------------------------------------------------------------


def test_stdin_text() -> None:
    docs, errors = run("-", stdin=io.StringIO("\n\n" + REPORT))
    assert errors == []
    (doc,) = docs
    assert doc.id == "stdin"
    assert doc.origin == "<stdin>"
    assert doc.title == "Rebels seize coastal villages"


def test_stdin_jsonl() -> None:
    data = "\n" + json.dumps({"text": "Clashes in Idlib."}) + "\n{bad\n"
    data += json.dumps({"id": "k", "text": "Shelling in Homs."}) + "\n"
    docs, errors = run("-", stdin=io.StringIO(data))
    assert [(d.id, d.origin) for d in docs] == [("stdin-2", "<stdin>:2"), ("k", "<stdin>:4")]
    assert [str(e).split(": ")[0] for e in errors] == ["<stdin>:3"]


def test_stdin_bytes_are_decoded_like_files() -> None:
    raw = io.BytesIO("Clashes near Marea, caf\xe9 owner said.".encode("cp1252"))
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    (doc,), errors = run("-", stdin=stream)
    assert errors == []
    assert doc.text == "Clashes near Marea, café owner said."


def test_stdin_jsonl_with_bom() -> None:
    (doc,), errors = run("-", stdin=io.StringIO('\ufeff{"text": "Clashes in Idlib."}'))
    assert errors == []
    assert doc.id == "stdin-1"


def test_stdin_empty() -> None:
    docs, errors = run("-", stdin=io.StringIO("  \n"))
    assert docs == []
    assert [str(e) for e in errors] == ["<stdin>: standard input is empty: nothing to process"]


# -- gzip ------------------------------------------------------------------------------


def test_gzip_inputs(tmp_path: Path) -> None:
    jsonl = tmp_path / "feed.jsonl.gz"
    with gzip.open(jsonl, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "Clashes in Idlib."}) + "\n")
        fh.write(json.dumps({"text": "Shelling in Homs."}) + "\n")
    text = tmp_path / "report.txt.gz"
    text.write_bytes(gzip.compress(REPORT.encode("utf-8")))
    table = tmp_path / "t.csv.gz"
    table.write_bytes(gzip.compress(b"text\nFighting in Daraa.\n"))
    docs, errors = run(jsonl, text, table)
    assert errors == []
    assert [d.id for d in docs] == ["feed-1", "feed-2", "report", "t-2"]
    assert docs[2].title == "Rebels seize coastal villages"
    assert docs[3].text == "Fighting in Daraa."


def test_corrupt_gzip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"this is not gzip data")
    truncated = tmp_path / "cut.jsonl.gz"
    lines = (json.dumps({"text": f"Clashes in Idlib, report {i}."}) + "\n" for i in range(20_000))
    whole = gzip.compress("".join(lines).encode())
    truncated.write_bytes(whole[: len(whole) // 2])
    docs, errors = run(bad, truncated)
    assert str(errors[0]).startswith(f"{bad}: is not a readable gzip file")
    assert str(errors[-1]).startswith(f"{truncated}: is not a readable gzip file")
    assert len(errors) == 2
    assert 1000 < len(docs) < 20_000  # the records before the damage still come out
    assert docs[0].id == "cut-1"


# -- bad files -------------------------------------------------------------------------


def test_missing_path_is_input_not_found(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Clashes in Idlib.", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    docs, errors = run(missing, good)
    assert [d.id for d in docs] == ["good"]
    (error,) = errors
    assert isinstance(error, InputNotFound)
    assert isinstance(error, FileNotFoundError)
    assert str(error).startswith(f"{missing}: no such file or directory")


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    good = tmp_path / "y.txt"
    good.write_text("Clashes in Idlib.", encoding="utf-8")
    docs, errors = run(path, good)
    assert [d.id for d in docs] == ["y"]
    assert [str(e) for e in errors] == [f"{path}: file is empty: nothing to process"]


def test_text_empty_once_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("photo.jpg", encoding="utf-8")
    docs, errors = run(path)
    assert docs == []
    assert [e.reason for e in errors] == ["file is empty once cleaned: nothing to process"]


def test_empty_stem_is_reused_only_by_documents(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    empty = tmp_path / "a" / "r.txt"
    empty.write_text("", encoding="utf-8")
    good = tmp_path / "r.txt"
    good.write_text("Clashes in Idlib.", encoding="utf-8")
    docs, _ = run(empty, good)
    assert [d.id for d in docs] == ["r"]


@pytest.mark.parametrize(
    "content",
    [
        b"Clashes\x00 in Idlib.",
        bytes(range(1, 9)) * 20 + b"Clashes in Idlib.",
    ],
    ids=["nul-bytes", "control-characters"],
)
def test_binary_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(content)
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_bytes(content)
    good = tmp_path / "y.txt"
    good.write_text("Clashes in Idlib.", encoding="utf-8")
    docs, errors = run(path, jsonl, good)
    assert [d.id for d in docs] == ["y"]
    assert [str(e) for e in errors] == [
        f"{p}: looks like a binary file, not text: give .txt, .jsonl, .csv or .html reports"
        for p in (path, jsonl)
    ]


def test_cp1252_fallback(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Fighting near the caf\xe9 \u2013 “Homs” front.".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="conflictgeo.ingest"):
        (doc,), errors = run(path)
    assert errors == []
    assert doc.text == "Fighting near the café – “Homs” front."
    (record,) = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert str(path) in record.getMessage() and "cp1252" in record.getMessage()


def test_cp1252_line_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        json.dumps({"text": "Ma’arrat"}, ensure_ascii=False).encode("utf-8")
        + b"\n"
        + '{"text": "caf\xe9 shelled"}'.encode("cp1252")
    )
    docs, errors = run(path)
    assert errors == []
    assert [d.text for d in docs] == ["Ma’arrat", "café shelled"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_bom_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Ma’arrat al-Numan — shelling reported.\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    jsonl = tmp_path / "b.jsonl"
    jsonl.write_bytes(
        (b"\xfe\xff" if encoding == "utf-16-be" else b"")
        + (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode(encoding)
    )
    docs, errors = run(path, jsonl)
    assert errors == []
    assert [d.text for d in docs] == [text.strip(), text.strip()]


def test_too_large_text_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_REPORT_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("Shelling in Homs. " * 100, encoding="utf-8")
    big_gz = tmp_path / "bigz.txt.gz"
    big_gz.write_bytes(gzip.compress(("Shelling in Homs. " * 100).encode()))
    rows = tmp_path / "rows.jsonl"  # JSONL streams: no size limit
    write_jsonl(rows, [{"text": "Shelling in Homs. " * 100}])
    docs, errors = run(big, big_gz, rows, "-", stdin=io.StringIO("Shelling in Homs. " * 100))
    assert [d.id for d in docs] == ["rows-1"]
    assert [e.source for e in errors] == [str(big), str(big_gz), "<stdin>"]
    assert all("too large for one report" in e.reason for e in errors)
    assert ".jsonl" in errors[0].reason


def test_unsupported_file_type(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    docs, errors = run(path)
    assert docs == []
    assert str(errors[0]).startswith(f"{path}: unsupported file type '.pdf': give .txt")


def test_errors_are_yielded_in_input_order(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Clashes in Idlib.", encoding="utf-8")
    items = list(read_documents([tmp_path / "missing.txt", good, tmp_path / "gone.csv"]))
    assert [type(i).__name__ for i in items] == ["InputNotFound", "Document", "InputNotFound"]


def test_directory_walk_skips_documentation_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Sample reports\n\nThese files were written for tests.")
    (tmp_path / "LICENSE.txt").write_text("CC0")
    (tmp_path / "report.txt").write_text("Shelling hit Douma on Tuesday.")
    docs = [d for d in read_documents([tmp_path]) if not isinstance(d, InputError)]
    assert [d.id for d in docs] == ["report"]
    named = [d for d in read_documents([tmp_path / "README.md"]) if not isinstance(d, InputError)]
    assert [d.id for d in named] == ["README"]


# -- offsets into the input ------------------------------------------------------------

# What "the input" is per reader: a text, Markdown or HTML file's decoded text
# (newlines as written, a byte-order mark not part of it), a JSONL or CSV
# record's text field. Each document's offsets map its cleaned text there.
MESSY = (
    "Rebels  advance\r\n\r\n"
    "BEIRUT \u2014 Rebels\tseized  Kafr\u00a0Nabl and Alep\u00adpo\u200b on\r\n"
    "Sunday.\r\n\r\n\r\n   At least 12\u00a0people were killed.  "
)


def assert_offsets_index(doc: Document, given: str, *, html: bool = False) -> None:
    """Every word of ``doc.text`` maps to where it is in ``given``."""
    assert doc.offsets.input_text(doc.text, 0, len(given)) == given
    for word in re.finditer(r"[^\W_]+(?:[ '-][^\W_]+)*", doc.text):
        start, end = doc.offsets.to_input(word.start(), word.end())
        there = given[start:end]
        assert doc.offsets.input_text(doc.text, start, end) == there
        if html:
            there = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", " ", there)))  # tags: breaks
        assert clean(there) == word.group(), (word.group(), given[start:end])


def test_offsets_index_a_text_file_with_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "messy.txt"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.encode("utf-8"))  # with a byte-order mark
    (doc,), _ = run(path)
    assert doc.title == "Rebels advance" and doc.dateline == "Beirut"
    assert not doc.offsets.identity
    assert_offsets_index(doc, MESSY)
    assert MESSY[slice(*doc.offsets.to_input(0, doc.title_end))] == "Rebels  advance"


def test_offsets_index_a_markdown_file_with_its_heading_marks(tmp_path: Path) -> None:
    given = "# Rebels  advance\n\n## Idlib\n\nRebels seized  Saraqib."
    path = tmp_path / "r.md"
    path.write_text(given, encoding="utf-8", newline="")
    (doc,), _ = run(path)
    assert doc.text.startswith("Rebels advance\n\nIdlib")
    assert_offsets_index(doc, given)


def test_offsets_index_the_text_field_of_jsonl_and_csv(tmp_path: Path) -> None:
    jsonl = write_jsonl(tmp_path / "a.jsonl", [{"id": "j", "text": MESSY}])
    table = tmp_path / "a.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "text"], ["c", MESSY]])
    docs, errors = run(jsonl, table)
    assert errors == [] and [d.id for d in docs] == ["j", "c"]
    for doc in docs:
        assert_offsets_index(doc, MESSY)


PAGE_WITH_MARKUP = (
    "<html><head><title>Shelling</title><script>var p = '<p>';</script></head>\n<body>"
    "<p>Government forces  shelled <b>Deir ez-Zor</b> &amp; Kafr&nbsp;Nabl.</p>"
    "<p>Rebels fled to Ma&#8216;arrat al-Nu&#8216;man and\nIdlib.</p><br/>"
    "<table><tr><td>Homs</td><td>Hama</td></tr></table></body></html>"
)


@pytest.mark.parametrize("where", ["file", "jsonl"])
def test_offsets_index_the_html_source(tmp_path: Path, where: str) -> None:
    if where == "file":
        path = tmp_path / "page.html"
        path.write_text(PAGE_WITH_MARKUP, encoding="utf-8", newline="")
    else:
        path = write_jsonl(tmp_path / "pages.jsonl", [{"text": PAGE_WITH_MARKUP}])
    (doc,), _ = run(path)
    assert "Deir ez-Zor & Kafr Nabl" in doc.text and "Ma‘arrat" in doc.text
    assert_offsets_index(doc, PAGE_WITH_MARKUP, html=True)
    start = doc.text.index("Deir ez-Zor")
    span = doc.offsets.to_input(start, start + len("Deir ez-Zor"))
    assert PAGE_WITH_MARKUP[slice(*span)] == "Deir ez-Zor"  # no tag in the span


def test_offsets_index_standard_input() -> None:
    stream = io.TextIOWrapper(io.BytesIO(MESSY.encode("utf-8")), encoding="utf-8")
    (doc,) = read_documents(["-"], stdin=stream)
    assert isinstance(doc, Document)
    assert_offsets_index(doc, MESSY)


def test_offsets_index_the_seed_report() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is absent")
    (doc,), _ = run(SEED)
    given = SEED.read_bytes().decode("utf-8-sig")
    assert_offsets_index(doc, given)
