"""Reading inputs: every accepted form, and every kind of bad input."""
from __future__ import annotations

import json

import pytest

from kg.errors import InputError
from kg.ingest import Reader, looks_english, read_documents, strip_boilerplate

ENGLISH = "Japan and India signed a defence pact on Tuesday, officials said."


def collect(paths, **kw):
    warnings: list[str] = []
    reader = Reader(warn=warnings.append, **kw)
    return list(reader.read([str(p) for p in paths])), warnings


def test_txt_file_is_one_document_with_path_as_id(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ENGLISH)
    (doc,), _ = collect([p])
    assert doc.id == str(p) and doc.text == ENGLISH and doc.date is None


def test_folder_reads_every_txt_under_it_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(ENGLISH)
    (tmp_path / "sub" / "a.txt").write_text(ENGLISH)
    (tmp_path / "notes.md").write_text("ignored")
    docs, _ = collect([tmp_path])
    assert [d.id for d in docs] == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.txt")]


def test_jsonl_ids_dates_and_line_numbers(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "x1", "text": ENGLISH, "date": "2024-01-02", "title": "T", "url": "http://e/1"}),
        "",
        json.dumps({"text": ENGLISH}),
    ]))
    docs, _ = collect([p], default_date="2023-05-06")
    assert [(d.id, d.date) for d in docs] == [("x1", "2024-01-02"), (f"{p}:3", "2023-05-06")]
    assert docs[0].title == "T" and docs[0].url == "http://e/1"


def test_csv_text_column_with_row_ids(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('url,date,title,text\nhttp://a,2019-01-04,A,"' + ENGLISH + '\n\nMore text here."\n'
                 'http://b,2019-02-01,B,"' + ENGLISH + '"\n')
    docs, _ = collect([p])
    assert [d.id for d in docs] == [f"{p}:1", f"{p}:2"]
    assert docs[0].text.endswith("More text here.") and docs[1].date == "2019-02-01"


def test_missing_path_fails_before_reading(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        Reader().read([str(tmp_path / "nope.txt")])


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"), (b"   \n\n", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
])
def test_empty_and_binary_files_fail(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=message):
        collect([p])


def test_folder_without_text_fails(tmp_path):
    (tmp_path / "x.md").write_text("nothing")
    with pytest.raises(InputError, match=r"no \.txt, \.jsonl or \.csv files"):
        collect([tmp_path])


def test_folder_reads_its_corpora_too(tmp_path):
    (tmp_path / "2019.csv").write_text('id,text\nr1,"' + ENGLISH + '"\n')
    (tmp_path / "feed.JSONL").write_text(json.dumps({"id": "j1", "text": ENGLISH}) + "\n")
    (tmp_path / "note.txt").write_text(ENGLISH)
    (tmp_path / "README.md").write_text("ignored")
    docs, _ = collect([tmp_path])
    assert sorted(d.id for d in docs) == sorted(["r1", "j1",
                                                 str(tmp_path / "note.txt")])


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    p = tmp_path / "latin1.txt"
    p.write_bytes(ENGLISH.encode() + b" Caf\xe9 talks resumed.")
    (doc,), warnings = collect([p])
    assert "\ufffd" in doc.text and any("invalid UTF-8" in w for w in warnings)


def test_malformed_json_line_is_skipped_or_fails_when_strict(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"text": ENGLISH}) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n")
    docs, warnings = collect([p])
    assert len(docs) == 1
    assert any(f"{p}:2" in w and "malformed JSON" in w for w in warnings)
    assert any(f"{p}:3" in w and "no text" in w for w in warnings)
    with pytest.raises(InputError, match=f"{p}:2"):
        collect([p], strict=True)


def test_csv_without_text_column_fails(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("title,body\na,b\n")
    with pytest.raises(InputError, match="no 'text' column"):
        collect([p])


def test_other_languages_are_skipped():
    assert not looks_english("La France et l'Allemagne ont signé un traité de coopération "
                             "militaire lundi à Paris, selon le ministère des affaires étrangères.")
    assert looks_english(ENGLISH)


def test_terse_english_news_is_english():
    """Headline-style sentences have few function words; they are English unless another
    language's function words are more frequent."""
    terse = ("Russia attacked Ukraine on Monday. Israeli soldiers beat Palestinian detainees. "
             "Israeli soldiers killed two Palestinians. Germany lifted sanctions against South Africa.")
    assert looks_english(terse)
    assert not looks_english("El gobierno de Chile y los representantes de Bolivia firmaron "
                             "un acuerdo para la cooperación militar en Santiago.")
    assert not looks_english("Het kabinet van Nederland en de regering van België hebben "
                             "een verdrag getekend over de grens.")


def test_trailing_boilerplate_is_cut_but_offsets_kept():
    text = "Seoul condemned the launch.\n\nкоментуйте:"
    clean = strip_boilerplate(text)
    assert clean == "Seoul condemned the launch." and text.startswith(clean)


def test_bad_date_is_an_error_only_for_the_option():
    with pytest.raises(InputError, match="--date"):
        list(read_documents(["seeds"], default_date="yesterday"))


def test_corpora_stream_and_repair_bad_utf8_per_line(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_bytes(json.dumps({"id": "a", "text": ENGLISH}).encode() + b"\n"
                  + b'{"id": "b", "text": "' + ENGLISH.encode() + b' Caf\xe9."}\n')
    docs, warnings = collect([p])
    assert [d.id for d in docs] == ["a", "b"] and "\ufffd" in docs[1].text
    assert any(f"{p}:2: invalid UTF-8" in w for w in warnings)
    q = tmp_path / "c.csv"
    q.write_bytes(b"\xef\xbb\xbfid,text\nx,\"" + ENGLISH.encode() + b"\"\n")
    (doc,), _ = collect([q])
    assert doc.id == "x"


def test_malformed_csv_row_is_skipped_or_fails_when_strict(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(f'id,text\na,"{ENGLISH}"\nb,"{ENGLISH}",extra\nc,"{ENGLISH}"\n')
    docs, warnings = collect([p])
    assert [d.id for d in docs] == ["a", "c"]
    assert any(f"{p}:2: row has 3 fields, header has 2" in w for w in warnings)
    with pytest.raises(InputError, match=f"{p}:2"):
        collect([p], strict=True)
