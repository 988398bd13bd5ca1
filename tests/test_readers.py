"""Reading the files people have: encodings, front matter, JSONL, CSV, saved web pages, folders,
globs, and bad input that is reported and skipped rather than fatal."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from toolkit.corpus import InputError, SkippedInputWarning, decode_bytes, load_corpus, read_csv, read_html, read_jsonl, read_txt

MIXED = Path(__file__).parent / "fixtures" / "mixed"
TURKISH = "Dışişleri Bakanlığı, yaptırımların ağırlaşmasından endişe duyduğunu açıkladı. Görüşme İstanbul'da sürdü.\n"


def load_quietly(*paths, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedInputWarning)
        return load_corpus(*paths, **kw)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1254", "iso8859_9"])
def test_turkish_text_survives_every_supported_encoding(tmp_path, encoding):
    path = tmp_path / f"haber-{encoding}.txt"
    path.write_bytes(("Başlık: endişe\r\n\r\n" + TURKISH * 3).replace("\n", "\r\n").encode(encoding))
    article = read_txt(path)
    assert article.title == "Başlık: endişe"
    assert "ağırlaşmasından" in article.text and "İstanbul'da" in article.text
    assert "\r" not in article.text


def test_short_cp1254_text_is_read_as_turkish_not_central_european(tmp_path):
    path = tmp_path / "kisa.txt"
    path.write_bytes("Şişli'de yağmur.".encode("cp1254"))
    assert read_txt(path).text == "Şişli'de yağmur."


@pytest.mark.parametrize("data, what", [
    (b"", "empty"), (b"  \r\n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)), "binary"),
])
def test_empty_or_binary_file_is_one_clear_error_naming_the_file(tmp_path, data, what):
    path = tmp_path / "bozuk.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=what) as e:
        read_txt(path)
    message = str(e.value)
    assert str(path) in message and "\n" not in message


def test_decode_bytes_prefers_bom_and_utf8():
    assert decode_bytes("ığüşöç".encode("utf-16"), "x") == "ığüşöç"
    assert decode_bytes(b"\xef\xbb\xbfabc", "x") == "abc"
    assert decode_bytes("ığüşöç".encode("utf-8"), "x") == "ığüşöç"


def test_front_matter_sets_metadata_and_extra_keys_are_kept(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nsource: Sözcü\ndate: 2014-01-05\nurl: https://x.invalid/a\ntitle: Başlık\n"
                    "yazar: Ayşe\n---\nGövde metni burada.\n", encoding="utf-8")
    a = read_txt(path)
    assert (a.source, a.date, a.url, a.title) == ("Sözcü", "2014-01-05", "https://x.invalid/a", "Başlık")
    assert a.meta == {"yazar": "Ayşe"}
    assert a.text.strip() == "Gövde metni burada."


def test_unclosed_front_matter_is_an_input_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("---\nsource: X\nGövde\n", encoding="utf-8")
    with pytest.raises(InputError, match="never closed"):
        read_txt(path)


def test_jsonl_collects_bad_lines_with_line_numbers(tmp_path):
    path = tmp_path / "k.jsonl"
    path.write_text('{"id": "a", "text": "Bir."}\n{bozuk\n\n[1, 2]\n{"id": "b", "title": "boş"}\n'
                    '{"id": "c", "text": "Üç.", "kategori": "dünya"}\n', encoding="utf-8")
    articles, skipped = read_jsonl(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert articles[1].meta == {"kategori": "dünya"}
    assert [m.split(": ")[0] for m in skipped] == [f"{path}:2", f"{path}:4", f"{path}:5"]


def test_csv_semicolon_crlf_bom_and_missing_text(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes('id;title;text;kaynak_no\r\n1;Bir;"Metin, virgüllü;\r\nve çok satırlı";7\r\n2;İki;;8\r\n'
                     .encode("utf-8-sig"))
    articles, skipped = read_csv(path)
    assert [a.id for a in articles] == ["1"]
    assert articles[0].text == "Metin, virgüllü;\nve çok satırlı"
    assert articles[0].meta == {"kaynak_no": "7"}
    assert skipped == [f"{path}:4: the record has no 'text'; every record needs an article text."]


def test_csv_without_text_column_names_the_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,body\n1,abc\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'text' column"):
        read_csv(path)


def test_saved_news_page_keeps_the_article_and_drops_the_page_furniture():
    a = read_html(MIXED / "2024-03-12-ankara-yaptirim.html")
    assert a.title == "Ankara'dan yaptırım uyarısı"
    assert a.date == "2024-03-12"
    assert a.source == "Örnek Haber"
    assert a.url == "https://ornek-haber.invalid/dunya/ankaradan-yaptirim-uyarisi"
    assert "sivil halkı etkileyeceği" in a.text
    for furniture in ("REKLAM", "Ana Sayfa", "Çok okunanlar", "çerez", "dataLayer", "Tüm hakları", "Derbi"):
        assert furniture not in a.text


def test_page_saved_before_its_script_filled_it_in_is_an_input_error(tmp_path):
    path = tmp_path / "bos.html"
    path.write_text("<html><head><title>Yükleniyor</title><script src='app.js'></script></head>"
                    "<body><div id='root'></div><script>render()</script></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_html(path)


def test_fixture_files_are_in_the_encodings_they_claim():
    legacy = (MIXED / "eski-arsiv-cp1254.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        legacy.decode("utf-8")
    assert b"\r\n" in legacy and "ş".encode("cp1254") in legacy
    assert (MIXED / "ekonomi.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_mixed_folder_reads_every_good_article_and_lists_the_rest():
    with pytest.warns(SkippedInputWarning) as caught:
        corpus = load_corpus(MIXED)
    ids = {a.id for a in corpus}
    assert ids == {"2024-03-12-ankara-yaptirim", "eko-01", "eski-arsiv-cp1254", "ornek-001", "ornek-002", "kuzey-kore-zirve"}
    legacy = next(a for a in corpus if a.id == "eski-arsiv-cp1254")
    assert legacy.title == "Körfez'de gerginlik: taraflar masaya dönüyor"
    assert "tırmanmasının" in legacy.text
    assert len(corpus.skipped) == 4 == len(caught)
    assert any("bos.txt" in m and "empty" in m for m in corpus.skipped)
    assert any("haberler.jsonl:3" in m for m in corpus.skipped)
    assert any("haberler.jsonl:4" in m for m in corpus.skipped)
    assert any("ekonomi.csv:3" in m for m in corpus.skipped)
    assert not any("README" in m for m in corpus.skipped)
    assert sorted(f.name for f in corpus.files) == sorted(
        ["2024-03-12-ankara-yaptirim.html", "ekonomi.csv", "eski-arsiv-cp1254.txt", "haberler.jsonl", "kuzey-kore-zirve.txt"])


def test_strict_loading_stops_at_the_first_problem():
    with pytest.raises(InputError, match="bos.txt"):
        load_corpus(MIXED, strict=True)


def test_single_path_list_glob_and_many_paths_forms():
    one = load_quietly(str(MIXED / "kuzey-kore-zirve.txt"))
    assert len(one) == 1 and one.skipped == []
    many = load_quietly(MIXED / "kuzey-kore-zirve.txt", MIXED / "haberler.jsonl")
    assert len(many) == 3
    listed = load_quietly([MIXED / "kuzey-kore-zirve.txt", str(MIXED / "*.jsonl")])
    assert [a.id for a in listed] == ["kuzey-kore-zirve", "ornek-001", "ornek-002"]


def test_missing_path_is_skipped_when_others_are_usable_and_fatal_when_alone(tmp_path):
    corpus = load_quietly(MIXED / "kuzey-kore-zirve.txt", tmp_path / "yok.txt")
    assert len(corpus) == 1 and "no such file" in corpus.skipped[0]
    with pytest.raises(InputError, match="No article could be read.*no such file"):
        load_quietly(tmp_path / "yok.txt")


def test_same_file_named_twice_is_read_once_and_id_clashes_get_suffixes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "haber.txt").write_text("Birinci haber\nmetin", encoding="utf-8")
    (tmp_path / "b" / "haber.txt").write_text("İkinci haber\nbaşka metin", encoding="utf-8")
    corpus = load_quietly(tmp_path, tmp_path / "a" / "haber.txt")
    assert [a.id for a in corpus] == ["haber", "haber-2"]


def test_word_for_word_repeat_across_files_is_counted_once(tmp_path):
    line = '{"id": "x", "text": "Aynı haber."}\n'
    (tmp_path / "1.jsonl").write_text(line, encoding="utf-8")
    (tmp_path / "2.jsonl").write_text(line, encoding="utf-8")
    corpus = load_quietly(tmp_path)
    assert len(corpus) == 1 and "repeats an earlier article" in corpus.skipped[0]


def test_hidden_files_and_saved_page_resources_in_folders_are_passed_over_silently(tmp_path):
    (tmp_path / "haber.txt").write_text("Başlık\nmetin", encoding="utf-8")
    (tmp_path / ".gizli.txt").write_text("Gizli\nmetin", encoding="utf-8")
    (tmp_path / "sayfa_files").mkdir()
    (tmp_path / "sayfa_files" / "style.css").write_text("body{}", encoding="utf-8")
    corpus = load_quietly(tmp_path)
    assert [a.id for a in corpus] == ["haber"] and corpus.skipped == []


def test_explicitly_named_unsupported_file_is_reported(tmp_path):
    (tmp_path / "rapor.pdf").write_bytes(b"%PDF-1.4")
    corpus = load_quietly(MIXED / "kuzey-kore-zirve.txt", tmp_path / "rapor.pdf")
    assert "unsupported file type '.pdf'" in corpus.skipped[0]


def test_other_files_in_a_folder_are_listed_as_left_out(tmp_path):
    (tmp_path / "haber.txt").write_text("Başlık\nmetin", encoding="utf-8")
    (tmp_path / "foto.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "README.md").write_text("Bu klasör hakkında", encoding="utf-8")
    corpus = load_quietly(tmp_path)
    assert [a.id for a in corpus] == ["haber"]
    assert len(corpus.skipped) == 1
    assert corpus.skipped[0].startswith(f"{tmp_path / 'foto.png'}: not an article file (.png)")


def test_bad_json_line_message_is_a_whole_sentence(tmp_path):
    path = tmp_path / "k.jsonl"
    path.write_text('{"id": "a", "text": "Bir."}\n{"id": "b", "text": "yarım\n{"id": 3,}\n', encoding="utf-8")
    _, skipped = read_jsonl(path)
    assert skipped[0] == f"{path}:2: not valid JSON (Unterminated string starting at column 21); fix or remove that line."
    assert skipped[1].startswith(f"{path}:3: not valid JSON (") and "column" in skipped[1]
    assert skipped[1].endswith("; fix or remove that line.")


@pytest.mark.parametrize("title_line, title", [
    ("title: Gürcistan: AB raporu bizi haklı buldu", "Gürcistan: AB raporu bizi haklı buldu"),
    ('title: "Gürcistan: AB raporu bizi haklı buldu"', "Gürcistan: AB raporu bizi haklı buldu"),
    ("title: 'Seçim: 14 Mayıs'", "Seçim: 14 Mayıs"),
    ("title: Kriz 2: Saat 10:30'da açıklama", "Kriz 2: Saat 10:30'da açıklama"),
])
def test_front_matter_title_with_a_colon_quoted_or_not(tmp_path, title_line, title):
    path = tmp_path / "a.txt"
    path.write_text(f"---\n{title_line}\nsource: Anadolu Ajansı\ndate: 2024-05-01\n---\nGövde metni.\n", encoding="utf-8")
    a = read_txt(path)
    assert (a.title, a.source, a.date) == (title, "Anadolu Ajansı", "2024-05-01")
    assert a.text.strip() == "Gövde metni."


def test_front_matter_that_is_not_key_value_lines_names_the_file_and_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("---\nsource: X\nbu satır anahtar değil: [kapanmamış\n---\nGövde\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_txt(path)
    assert str(e.value).startswith(f"{path}:3: the front matter is not 'key: value' lines")
